package io.backdrop.sandbox;

import java.time.Duration;
import java.util.Random;

/** How long a generation takes: the configured latency, moved uniformly by up to the jitter either way. */
final class GenerationLatency {

    private final long latencyNanos;
    private final long jitterNanos;
    private final Random random;

    GenerationLatency(Duration latency, Duration jitter, Random random) {
        this.latencyNanos = latency.toNanos();
        this.jitterNanos = jitter.toNanos();
        this.random = random;
    }

    Duration next() {
        double offset = jitterNanos == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitterNanos;
        return Duration.ofNanos(Math.max(0, latencyNanos + (long) offset));
    }

    static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }
}
