package io.backdrop.benchmark;

/**
 * What a child JVM reports after running one job: its rows, how fast they went, and its memory peaks.
 * Printed as one JSON line after {@link ChildJvm#RESULT_MARKER} so the parent can find it among the child's output.
 */
record MemoryProbeResult(int rows, double rowsPerSecond, long heapAfterGcBytes, long heapUsedBytes, long rssBytes) {
}
