package io.backdrop.job;

import io.backdrop.model.RowRecord;
import java.nio.file.Path;
import org.springframework.core.io.InputStreamSource;

/**
 * Given a row's images while a worker still holds them: the staged source and the downloaded
 * result, just after the row is recorded SUCCEEDED. What report.html's thumbnails are made from,
 * so that nothing is fetched again for them. Called from many worker threads at once; must not
 * throw, and should be quick for most rows, since the row's worker waits for it.
 */
@FunctionalInterface
public interface RowImageObserver {

    RowImageObserver NONE = (record, source, result) -> { };

    /**
     * @param source the source image's bytes, readable until this returns; null when this execution
     *               did not read them (the row was paid for by an earlier one)
     * @param result the downloaded result, a file that is deleted when this returns
     */
    void resultInHand(RowRecord record, InputStreamSource source, Path result);
}
