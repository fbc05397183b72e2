package io.backdrop.job;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The manifest rows one partition works on, {@code first} to {@code last} inclusive, numbered
 * as the manifest reader numbers them (the first data record is row 1). Kept in the partition's
 * step execution context, so a restart of the partition works on the same rows.
 */
public record RowRange(int first, int last) {

    /** Every row of a manifest: the range of a step that is not a partition. */
    public static final RowRange ALL = new RowRange(1, Integer.MAX_VALUE);

    static final String FIRST = "backdrop.partition.first";
    static final String LAST = "backdrop.partition.last";

    public RowRange {
        if (first < 1 || last < first - 1) {
            throw new IllegalArgumentException("not a row range: " + first + ".." + last);
        }
    }

    /** The range kept in a partition's context; null for a step that is not a partition. */
    public static RowRange of(ExecutionContext context) {
        if (!context.containsKey(FIRST) || !context.containsKey(LAST)) {
            return null;
        }
        return new RowRange(context.getInt(FIRST), context.getInt(LAST));
    }

    ExecutionContext toContext() {
        ExecutionContext context = new ExecutionContext();
        context.putInt(FIRST, first);
        context.putInt(LAST, last);
        return context;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return "rows " + first + "-" + last;
    }
}
