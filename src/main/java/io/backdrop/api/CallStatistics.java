package io.backdrop.api;

import io.backdrop.api.CallObserver.Call;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The API meters of {@link MicrometerCallObserver} read back, for the end-of-run summary.
 *
 * @param latency        per call type that was made: attempts and their latency
 * @param retriesByCause retries by the cause tag of the failure before them, e.g. {@code 429}
 * @param rateLimited    429 answers
 */
public record CallStatistics(Map<Call, Latency> latency, Map<String, Long> retriesByCause, long rateLimited,
                             long bytesUp, long bytesDown) {

    /** @param p95 empty when the timer keeps no percentiles */
    public record Latency(long attempts, Duration mean, Optional<Duration> p95) {
    }

    public CallStatistics {
        EnumMap<Call, Latency> calls = new EnumMap<>(Call.class);
        calls.putAll(latency);
        latency = Collections.unmodifiableMap(calls);
        retriesByCause = Collections.unmodifiableMap(new TreeMap<>(retriesByCause));
    }

    public long retries() {
        return retriesByCause.values().stream().mapToLong(Long::longValue).sum();
    }

    public static CallStatistics read(MeterRegistry registry) {
        Map<Call, Latency> latency = new EnumMap<>(Call.class);
        for (Call call : Call.values()) {
            Timer timer = registry.find(MicrometerCallObserver.LATENCY).tag("call", call.name()).timer();
            if (timer != null && timer.count() > 0) {
                HistogramSnapshot snapshot = timer.takeSnapshot();
                Optional<Duration> p95 = Optional.empty();
                for (ValueAtPercentile percentile : snapshot.percentileValues()) {
                    if (percentile.percentile() == 0.95) {
                        p95 = Optional.of(nanos(percentile.value(TimeUnit.NANOSECONDS)));
                    }
                }
                latency.put(call, new Latency(timer.count(), nanos(timer.mean(TimeUnit.NANOSECONDS)), p95));
            }
        }
        Map<String, Long> retries = new TreeMap<>();
        for (Counter counter : registry.find(MicrometerCallObserver.RETRIES).counters()) {
            if (counter.count() > 0) {
                retries.merge(counter.getId().getTag("cause"), (long) counter.count(), Long::sum);
            }
        }
        long rateLimited = (long) registry.find(MicrometerCallObserver.RATE_LIMITED).counters().stream()
                .mapToDouble(Counter::count).sum();
        return new CallStatistics(latency, retries, rateLimited, bytes(registry, "up"), bytes(registry, "down"));
    }

    private static long bytes(MeterRegistry registry, String direction) {
        return (long) registry.find(MicrometerCallObserver.BYTES).tag("direction", direction).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static Duration nanos(double value) {
        return Duration.ofNanos(Math.round(value));
    }
}
