package io.backdrop.job;

import io.backdrop.model.RowRecord;
import io.backdrop.report.Preview;
import io.backdrop.report.SpreadSample;
import io.backdrop.report.ThumbnailFolder;
import io.backdrop.report.Thumbnails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;

/**
 * Makes report.html's thumbnails in the workers, from the bytes they hold, for the rows the page
 * can show: an evenly spread sample of the rows an execution makes succeed, kept in the job
 * instance's {@link ThumbnailFolder}. Only a row that enters the sample costs any work (two
 * subsampled decodes, a few milliseconds): about {@code capacity} rows in an execution whose rows
 * are known in advance, else about {@code capacity/2 x log2(rows/capacity)}; a row pushed out of
 * the sample has its files deleted.
 */
public class SampledThumbnails implements RowImageObserver {

    private static final Logger log = LoggerFactory.getLogger(SampledThumbnails.class);

    private final SpreadSample<Integer> sample;
    private final Thumbnails thumbnails;
    private final ThumbnailFolder folder;

    /**
     * @param capacity     rows kept with thumbnails: more than the page shows, so it can spread its own choice evenly
     * @param expectedRows the rows the execution is expected to work (0 if not known): the sample is spread over
     *                     them from the start, so that it makes about {@code capacity} rows' thumbnails rather
     *                     than every one of the first rows', which a fresh JVM decodes slowly while it starts calling
     */
    public SampledThumbnails(int capacity, long expectedRows, Thumbnails thumbnails, ThumbnailFolder folder) {
        this.sample = new SpreadSample<>(capacity, expectedRows);
        this.thumbnails = thumbnails;
        this.folder = folder;
    }

    @Override
    public void resultInHand(RowRecord record, InputStreamSource source, Path result) {
        int row = record.row();
        try {
            SpreadSample.Admission<Integer> admission = sample.offer(row);
            admission.evicted().forEach(folder::delete);
            if (!admission.kept()) {
                return;
            }
            Preview before = source == null ? Preview.placeholder("source not read again after a restart")
                    : thumbnails.preview(source);
            Preview after = thumbnails.preview(() -> Files.newInputStream(result));
            folder.save(row, new ThumbnailFolder.Pair(before, after));
            // Pushed out by another worker while these were being made: its delete may have come first.
            if (!sample.holds(row)) {
                folder.delete(row);
            }
        } catch (IOException | RuntimeException e) {
            // A thumbnail is for looking; the row has succeeded whatever happens here.
            log.debug("no thumbnails for row {}: {}", row, e.toString());
        }
    }
}
