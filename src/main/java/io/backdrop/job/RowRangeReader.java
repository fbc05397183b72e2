package io.backdrop.job;

import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.ManifestRow;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The step's reader: the manifest's rows within one {@link RowRange} (all of them in a run that is
 * not partitioned) that an earlier execution has not finished. The manifest is a stream (a file or
 * an S3 object read from its first byte), so rows before the range are read and passed over, still
 * parsed, so that a malformed record is found by the partition that holds it; finished rows are
 * passed over as {@link CarriedOverRows} says; reading stops after the range's last row.
 */
public class RowRangeReader implements ItemStreamReader<ManifestRow> {

    private final ManifestItemReader manifest;
    private final RowRange range;
    private final CarriedOverRows carriedOver;

    public RowRangeReader(ManifestItemReader manifest, RowRange range, CarriedOverRows carriedOver) {
        this.manifest = manifest;
        this.range = range;
        this.carriedOver = carriedOver;
    }

    @Override
    public ManifestRow read() throws Exception {
        if (range.size() == 0) {
            return null;
        }
        ManifestRow row = manifest.read();
        while (row != null && (row.row() < range.first() || row.row() <= range.last() && carriedOver.passOver(row))) {
            row = manifest.read();
        }
        return row == null || row.row() > range.last() ? null : row;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        manifest.open(executionContext);
        carriedOver.open();
    }

    @Override
    public void update(ExecutionContext executionContext) {
        manifest.update(executionContext);
    }

    @Override
    public void close() {
        manifest.close();
    }
}
