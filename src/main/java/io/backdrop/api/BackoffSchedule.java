package io.backdrop.api;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt of a call: exponential backoff with equal jitter, a
 * server's {@code Retry-After} in its place when there is one, never longer than the longest
 * single wait, and no wait at all (give up) once it would carry the call past its total time budget.
 */
final class BackoffSchedule {

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryTime;
    private final RandomGenerator jitter;

    BackoffSchedule(ApiProperties properties, RandomGenerator jitter) {
        this.initialBackoff = properties.initialBackoff();
        this.maxBackoff = properties.maxBackoff();
        this.maxRetryTime = properties.maxRetryTime();
        this.jitter = jitter;
    }

    /**
     * @param failedAttempts the attempts made so far, all failed (1 after the first failure)
     * @param failure        the last failure
     * @param elapsed        time since the call's first attempt began
     * @return the wait, or empty to stop retrying
     */
    Optional<Duration> next(int failedAttempts, ApiException failure, Duration elapsed) {
        Duration wait = failure.retryAfter().map(this::capped).orElseGet(() -> backoff(failedAttempts));
        if (elapsed.plus(wait).compareTo(maxRetryTime) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    private Duration backoff(int failedAttempts) {
        double doubled = initialBackoff.toMillis() * Math.pow(2, Math.max(0, failedAttempts - 1));
        long ceiling = (long) Math.min(doubled, maxBackoff.toMillis());
        // Equal jitter: half the wait is kept so retries never bunch up at zero, half is spread out
        // so that many rows failing at once do not retry in lockstep.
        long half = ceiling / 2;
        long spread = ceiling - half;
        return Duration.ofMillis(half + (spread == 0 ? 0 : jitter.nextLong(spread + 1)));
    }

    private Duration capped(Duration asked) {
        return asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
    }
}
