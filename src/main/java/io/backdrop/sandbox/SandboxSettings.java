package io.backdrop.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SandboxServer} behaves.
 *
 * @param port          the port to listen on, on 127.0.0.1; 0 takes any free one
 * @param apiKey        the only {@code API-KEY} accepted; null accepts any key that is not blank
 * @param latency       how long a feature call takes before it is answered (the generation)
 * @param jitter        the latency varies uniformly by up to this much either way (never below zero)
 * @param rate429       share of calls answered 429 (half with {@code Retry-After: 1}, half without)
 * @param rate5xx       share of calls answered 500, 502, 503 or 504
 * @param rateDrop      share of calls whose connection is closed without an answer
 * @param rateMalformed share of uploads and feature calls answered 200 with truncated JSON
 * @param rateFailed    share of feature calls answered 200 with {@code aiRecord.status} FAILED
 * @param creditBudget  how many paid feature calls are allowed; then 402; negative is unlimited
 * @param account       the team's credits that each answer reports, and their cost by quality
 * @param seed          seeds the random faults and jitter
 * @param renderEachPhoto whether each photo gets a result rendered from it; false renders one result
 *                      per prompt, size, quality and background and serves it for every photo, so
 *                      that a benchmark of many distinct photos measures the client, not the
 *                      sandbox's PNG encoder (tens of milliseconds of CPU a result)
 */
public record SandboxSettings(int port, String apiKey, Duration latency, Duration jitter,
                              double rate429, double rate5xx, double rateDrop, double rateMalformed,
                              double rateFailed, long creditBudget, TeamAccount account, long seed,
                              boolean renderEachPhoto) {

    public SandboxSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(account, "account");
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter must not be negative");
        }
        double total = 0;
        for (double rate : new double[] {rate429, rate5xx, rateDrop, rateMalformed, rateFailed}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("fault rates must be between 0 and 1");
            }
            total += rate;
        }
        // One draw per call decides its fault, so the rates share the unit interval.
        if (total > 1 + 1e-9) {
            throw new IllegalArgumentException("fault rates must add up to at most 1 (they add up to " + total + ")");
        }
    }

    /** Any free port, any key, no latency, no faults, unlimited calls, the default team account. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(0, null, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, -1, TeamAccount.DEFAULT, 42, true);
    }

    public SandboxSettings withPort(int port) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withApiKey(String apiKey) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withLatency(Duration latency, Duration jitter) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withRate429(double rate429) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withRate5xx(double rate5xx) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withRateDrop(double rateDrop) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withRateMalformed(double rateMalformed) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withRateFailed(double rateFailed) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withCreditBudget(long creditBudget) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withAccount(TeamAccount account) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withSeed(long seed) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    public SandboxSettings withRenderEachPhoto(boolean renderEachPhoto) {
        return new SandboxSettings(port, apiKey, latency, jitter, rate429, rate5xx, rateDrop, rateMalformed, rateFailed, creditBudget, account, seed, renderEachPhoto);
    }

    /** The key never prints, so settings can be logged. */
    @Override
    public String toString() {
        return "SandboxSettings[port=" + port + ", apiKey=" + (apiKey == null ? "any" : "****")
                + ", latency=" + latency + ", jitter=" + jitter + ", rate429=" + rate429 + ", rate5xx=" + rate5xx
                + ", rateDrop=" + rateDrop + ", rateMalformed=" + rateMalformed + ", rateFailed=" + rateFailed
                + ", creditBudget=" + creditBudget + ", account=" + account + ", seed=" + seed + ", renderEachPhoto=" + renderEachPhoto + "]";
    }
}
