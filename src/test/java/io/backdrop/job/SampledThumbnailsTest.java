package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.RowRecord;
import io.backdrop.report.ThumbnailFolder;
import io.backdrop.report.Thumbnails;
import io.backdrop.support.SamplePhotos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workers' thumbnails: made from the bytes handed over, only for the sample, never left behind for a row pushed out. */
class SampledThumbnailsTest {

    @TempDir
    Path dir;

    private Path photo;
    private ThumbnailFolder folder;

    @BeforeEach
    void setUp() throws IOException {
        SamplePhotos.copyInto(dir.resolve("images"), "coffee.png");
        photo = dir.resolve("images/coffee.png");
        folder = new ThumbnailFolder(dir.resolve("thumbs"));
    }

    @Test
    void onlyTheRowsTheSampleHoldsHaveThumbnailsEachWithBothPictures() {
        SampledThumbnails thumbnails = new SampledThumbnails(6, 0, new Thumbnails(64, 100_000_000L), folder);

        for (int row = 1; row <= 200; row++) {
            thumbnails.resultInHand(succeeded(row), () -> Files.newInputStream(photo), photo);
        }

        // A stride of 64 over 200 rows: the 1st, 65th, 129th and 193rd.
        assertThat(folder.rows()).containsExactly(1, 65, 129, 193);
        Map<Integer, ThumbnailFolder.Pair> pairs = folder.load(folder.rows());
        assertThat(pairs.values()).allSatisfy(pair -> {
            assertThat(pair.source().dataUri()).startsWith("data:image/jpeg;base64,");
            assertThat(pair.result().dataUri()).startsWith("data:image/jpeg;base64,");
            assertThat(pair.source().width()).isEqualTo(64);
        });
    }

    @Test
    void manyWorkersAtOnceLeaveNoThumbnailOfARowPushedOut() throws InterruptedException {
        SampledThumbnails thumbnails = new SampledThumbnails(8, 0, new Thumbnails(32, 100_000_000L), folder);
        ExecutorService workers = Executors.newFixedThreadPool(8);

        for (int row = 1; row <= 400; row++) {
            int number = row;
            workers.execute(() -> thumbnails.resultInHand(succeeded(number), () -> Files.newInputStream(photo), photo));
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        assertThat(folder.rows()).hasSizeBetween(5, 8);
        assertThat(dir.resolve("thumbs")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void aSourceNotReadByThisExecutionIsNotReadForItsThumbnail() {
        SampledThumbnails thumbnails = new SampledThumbnails(4, 0, new Thumbnails(64, 100_000_000L), folder);

        thumbnails.resultInHand(succeeded(1), null, photo);

        ThumbnailFolder.Pair pair = folder.load(folder.rows()).get(1);
        assertThat(pair.source().placeholder()).isEqualTo("source not read again after a restart");
        assertThat(pair.result().dataUri()).isNotNull();
    }

    private static RowRecord succeeded(int row) {
        return RowRecord.resume(null, 1, 1, row, row + 1, "id-" + row, "images/coffee.png", null)
                .uploaded("asset", 1).generated("uuid", "result", "http://x", 1, 0).succeeded("out/" + row + ".png", 1);
    }
}
