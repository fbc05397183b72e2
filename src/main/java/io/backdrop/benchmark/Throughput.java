package io.backdrop.benchmark;

import java.time.Duration;

/**
 * What a run achieved against what Little's law allows it. With {@code concurrency} calls in flight,
 * each taking {@code meanLatency} on average, at most concurrency / meanLatency calls can finish per
 * second; a client that keeps every slot busy, and adds nothing of its own around the calls, gets there.
 *
 * @param rows        rows that went through the API
 * @param wallTime    from the job's start to its end
 * @param concurrency calls kept in flight
 * @param meanLatency mean time of one feature call
 */
public record Throughput(long rows, Duration wallTime, int concurrency, Duration meanLatency) {

    public Throughput {
        if (rows < 0 || concurrency < 1) {
            throw new IllegalArgumentException("rows must not be negative and concurrency must be at least 1");
        }
        if (wallTime.isNegative() || wallTime.isZero() || meanLatency.isNegative() || meanLatency.isZero()) {
            throw new IllegalArgumentException("the wall time and the mean latency must be positive");
        }
    }

    public double rowsPerSecond() {
        return rows / seconds(wallTime);
    }

    /** Little's law: throughput = calls in flight / time per call. */
    public double littleBound() {
        return concurrency / seconds(meanLatency);
    }

    /** The share of the bound achieved; 1.0 means no slot ever idled and the client added no time. */
    public double efficiency() {
        return rowsPerSecond() / littleBound();
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
