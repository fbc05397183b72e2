package io.backdrop.api;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate as people write it: {@code 120/min}, {@code 2/s}, {@code 3000/h}. At most {@code permits}
 * calls start in any one {@code period}.
 */
public record RateLimit(int permits, Duration period) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*([a-z]+)\\s*");

    public RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 call per period");
        }
        if (period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit's period must be positive");
        }
    }

    /**
     * Reads {@code N/s}, {@code N/min} or {@code N/h} (also {@code sec}, {@code second}, {@code m},
     * {@code minute}, {@code hour}).
     *
     * @throws IllegalArgumentException with a message fit for the console
     */
    public static RateLimit parse(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text.toLowerCase(Locale.ROOT));
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate limit (e.g. 120/min or 2/s)");
        }
        Duration period = switch (matcher.group(2)) {
            case "s", "sec", "second" -> Duration.ofSeconds(1);
            case "m", "min", "minute" -> Duration.ofMinutes(1);
            case "h", "hour" -> Duration.ofHours(1);
            default -> throw new IllegalArgumentException("'" + text + "': the unit of a rate limit is s, min or h");
        };
        int permits = Integer.parseInt(matcher.group(1));
        if (permits < 1) {
            throw new IllegalArgumentException("'" + text + "': a rate limit allows at least 1 call per period");
        }
        return new RateLimit(permits, period);
    }

    /** Calls per second, for display. */
    public double perSecond() {
        return permits * 1e9 / period.toNanos();
    }

    @Override
    public String toString() {
        String unit = period.equals(Duration.ofSeconds(1)) ? "s" : period.equals(Duration.ofMinutes(1)) ? "min"
                : period.equals(Duration.ofHours(1)) ? "h" : period.toString();
        return permits + "/" + unit;
    }
}
