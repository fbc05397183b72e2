package io.backdrop.api;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A client-side limit on how fast calls start, shared by every worker, that gives way to the
 * server: a 429 halves the effective rate at once (and spends what is left of the current period),
 * and each success wins back a twentieth of the configured rate, up to the configured rate and
 * never past it (additive increase, multiplicative decrease). So a limit set too high settles
 * near what the account really allows instead of hammering it with retries.
 * <p>
 * Resilience4j's rate limiter does the pacing (so many permits per period, lock-free reservations,
 * waiting threads parked); this class only decides how many permits a period has. A changed count
 * takes effect from the next period. The effective rate never drops below one call per period.
 * <p>
 * Only a call sent after the latest decrease can cause another: the 429s of calls already in flight
 * when the rate was cut were sent at the old rate and say nothing new, and halving once for each of
 * them would collapse the rate to its floor after a single burst.
 */
public final class AdaptiveRateLimit {

    /** Successes needed to climb from nothing back to the configured rate; from half of it, half as many. */
    static final int RECOVERY_STEPS = 20;
    /** Waiting longer than this for a permit means something is wrong, not busy. */
    private static final Duration LONGEST_WAIT = Duration.ofDays(1);

    /** Handed out with each permission to call: the rate the call was sent under. */
    public record Permit(long generation) {
    }

    private final RateLimit target;
    private final RateLimiter limiter;
    private double permitsPerPeriod;
    private long generation;

    public AdaptiveRateLimit(String name, RateLimit target) {
        this.target = target;
        this.permitsPerPeriod = target.permits();
        this.limiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(target.permits())
                .limitRefreshPeriod(target.period())
                .timeoutDuration(LONGEST_WAIT)
                .build());
    }

    /**
     * Runs the call once a permit is free, and adapts the rate to how it went: a 429 halves the
     * rate, a success moves it back towards the configured one, any other failure leaves it alone.
     */
    public <T> T call(Supplier<T> call) {
        Permit permit = acquire();
        T result;
        try {
            result = call.get();
        } catch (ApiException failure) {
            if (failure.httpStatus() == 429) {
                throttled(permit);
            }
            throw failure;
        }
        succeeded();
        return result;
    }

    /** Waits for a permit. */
    Permit acquire() {
        if (!limiter.acquirePermission()) {
            String reason = Thread.currentThread().isInterrupted()
                    ? "interrupted while waiting for the rate limit"
                    : "no permit under the rate limit within " + LONGEST_WAIT.toHours() + " hours";
            throw new ApiException(ApiException.Kind.TRANSIENT, 0, reason);
        }
        synchronized (this) {
            return new Permit(generation);
        }
    }

    /** The server refused a call sent under {@code permit} with 429. */
    synchronized void throttled(Permit permit) {
        if (permit.generation() != generation) {
            return;
        }
        generation++;
        permitsPerPeriod = Math.max(1, permitsPerPeriod / 2);
        apply();
        // The period's remaining permits were granted at the rate the server just refused.
        limiter.drainPermissions();
    }

    /** A call went through. */
    synchronized void succeeded() {
        if (permitsPerPeriod >= target.permits()) {
            return;
        }
        permitsPerPeriod = Math.min(target.permits(), permitsPerPeriod + (double) target.permits() / RECOVERY_STEPS);
        apply();
    }

    private void apply() {
        int whole = Math.max(1, (int) Math.floor(permitsPerPeriod));
        if (whole != limiter.getRateLimiterConfig().getLimitForPeriod()) {
            limiter.changeLimitForPeriod(whole);
        }
    }

    /** The configured rate. */
    public RateLimit target() {
        return target;
    }

    /** The effective rate now: calls per {@link RateLimit#period()}, at most {@link RateLimit#permits()}. */
    public synchronized double permitsPerPeriod() {
        return permitsPerPeriod;
    }

    /** The whole number of calls the current pacing allows per period. */
    int pacedPermitsPerPeriod() {
        return limiter.getRateLimiterConfig().getLimitForPeriod();
    }

    /** Nanoseconds a call would wait for a permit now; reserves that permit. For tests, which must not wait. */
    long reserve() {
        return limiter.reservePermission();
    }
}
