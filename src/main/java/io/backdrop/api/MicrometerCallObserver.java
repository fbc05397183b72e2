package io.backdrop.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Turns every attempt {@link OneMinClient} makes into Micrometer meters:
 * <ul>
 * <li>{@code backdrop.api.latency} (timer, tag {@code call}): each attempt's time, with its mean and 95th percentile;</li>
 * <li>{@code backdrop.api.failures} (counter, tags {@code call}, {@code cause}): failed attempts by {@link FailureCause};</li>
 * <li>{@code backdrop.api.retries} (counter, tags {@code call}, {@code cause}): attempts made again, by the
 *     cause of the failure before them;</li>
 * <li>{@code backdrop.api.rate.limited} (counter, tag {@code call}): 429 answers;</li>
 * <li>{@code backdrop.api.bytes} (counter, tags {@code call}, {@code direction} up or down): bytes moved.</li>
 * </ul>
 */
@Component
public class MicrometerCallObserver implements CallObserver {

    public static final String LATENCY = "backdrop.api.latency";
    public static final String FAILURES = "backdrop.api.failures";
    public static final String RETRIES = "backdrop.api.retries";
    public static final String RATE_LIMITED = "backdrop.api.rate.limited";
    public static final String BYTES = "backdrop.api.bytes";

    /**
     * Percentiles are kept over the whole run rather than the last few minutes (Micrometer's
     * default), because the end summary reports the run; a week outlasts any run.
     */
    private static final Duration PERCENTILE_WINDOW = Duration.ofDays(7);

    private final MeterRegistry registry;

    public MicrometerCallObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempt(Call call, int attempt, FailureCause retriedAfter, Duration latency, ApiException failure,
                        long bytes) {
        String callTag = call.name();
        Timer.builder(LATENCY)
                .description("Time of each API attempt, retries included")
                .tag("call", callTag)
                .publishPercentiles(0.5, 0.95)
                .percentilePrecision(2)
                .distributionStatisticExpiry(PERCENTILE_WINDOW)
                .distributionStatisticBufferLength(1)
                .register(registry)
                .record(latency);
        if (attempt > 1) {
            counter(RETRIES, "Attempts made again after a transient failure", callTag,
                    "cause", retriedAfter == null ? "unknown" : retriedAfter.tag()).increment();
        }
        if (failure != null) {
            FailureCause cause = FailureCause.of(failure);
            counter(FAILURES, "Failed API attempts", callTag, "cause", cause.tag()).increment();
            if (cause == FailureCause.RATE_LIMITED) {
                Counter.builder(RATE_LIMITED).description("429 answers").tag("call", callTag)
                        .register(registry).increment();
            }
            return;
        }
        if (bytes > 0) {
            String direction = call == Call.UPLOAD ? "up" : "down";
            counter(BYTES, "Bytes sent (up) and received (down) by successful attempts", callTag,
                    "direction", direction).increment(bytes);
        }
    }

    private Counter counter(String name, String description, String call, String tag, String value) {
        return Counter.builder(name).description(description).tag("call", call).tag(tag, value).register(registry);
    }
}
