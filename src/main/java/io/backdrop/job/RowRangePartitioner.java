package io.backdrop.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a manifest into contiguous row ranges of nearly equal size, one per partition, named
 * {@code partition-0}, {@code partition-1}, ... in manifest order. The rows are counted by the
 * run's one pass over the manifest. Spring Batch calls this only for a job's first execution: a restart finds the
 * partitions (and their ranges) its first execution recorded and re-runs the unfinished ones.
 */
public class RowRangePartitioner implements Partitioner {

    static final String PREFIX = "partition-";

    private final ManifestPass pass;
    private final URI manifest;

    public RowRangePartitioner(ManifestPass pass, URI manifest) {
        this.pass = pass;
        this.manifest = manifest;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int rows;
        try {
            rows = pass.check(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest to split it: " + e.getMessage(), e);
        }
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        ranges(rows, gridSize).forEach((name, range) -> partitions.put(name, range.toContext()));
        return partitions;
    }

    /**
     * {@code rows} split into {@code gridSize} ranges whose sizes differ by at most one; with fewer
     * rows than partitions, the last ones are empty (they complete at once).
     */
    static Map<String, RowRange> ranges(int rows, int gridSize) {
        Map<String, RowRange> ranges = new LinkedHashMap<>();
        int base = rows / gridSize;
        int larger = rows % gridSize;
        int first = 1;
        for (int i = 0; i < gridSize; i++) {
            int size = base + (i < larger ? 1 : 0);
            ranges.put(PREFIX + i, new RowRange(first, first + size - 1));
            first += size;
        }
        return ranges;
    }
}
