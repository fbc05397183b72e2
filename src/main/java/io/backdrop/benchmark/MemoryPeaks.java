package io.backdrop.benchmark;

/**
 * The most memory a process, or a stretch of it, held.
 *
 * @param heapAfterGcBytes the most heap still in use right after a garbage collection: the live data,
 *                         the figure that grows if something is kept per row
 * @param heapUsedBytes    the sum of the heap pools' peak usage: garbage included, so it mostly shows
 *                         how large the collector let the young generation grow
 * @param rssBytes         the process's peak resident set (Linux's VmHWM), or -1 where it is not known
 */
record MemoryPeaks(long heapAfterGcBytes, long heapUsedBytes, long rssBytes) {

    static double mebibytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
