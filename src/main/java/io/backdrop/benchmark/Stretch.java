package io.backdrop.benchmark;

import java.time.Duration;

/**
 * A stretch of a job's run: the rows answered in it, how long it lasted, the mean feature-call
 * latency, and the CPU the job used.
 */
record Stretch(long rows, Duration wallTime, Duration meanLatency, JvmCpu cpu) {

    Throughput throughput(int concurrency) {
        return new Throughput(rows, wallTime, concurrency, meanLatency);
    }

    double cpuMillisPerRow(long nanos) {
        return JvmCpu.millisPerRow(nanos, rows);
    }
}
