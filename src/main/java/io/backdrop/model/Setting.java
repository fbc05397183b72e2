package io.backdrop.model;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * One setting of a run under the three names it is written by: a command-line option, a job
 * file's key and a Spring property, with the one reading and the one rule its values keep
 * wherever they are written. A value refused is a {@link SettingException} that the place it
 * came from words with its own name for the setting.
 *
 * @param property   the Spring property, e.g. {@code backdrop.job.concurrency}; null when there is none
 * @param option     the command-line option, e.g. {@code --concurrency}; null when there is none
 * @param jobFileKey the job file's key, e.g. {@code skip.max-failures}; null when there is none
 * @param expected   what a value is, for "expected a whole number, got 'four'"
 * @param reading    text to value; throws {@link IllegalArgumentException} for text that is not one
 * @param rule       what a value breaks ("must be at least 1 (is 0)"), empty when it keeps the rule
 * @param <T>        the value's type
 */
public record Setting<T>(String property, String option, String jobFileKey, String expected,
                         Function<String, T> reading, Function<T, Optional<String>> rule) {

    public static final String DURATION = "a duration with its unit, e.g. 250ms, 30s, 15m";

    private static final Map<ChronoUnit, String> SIMPLE_UNITS =
            Map.of(ChronoUnit.HOURS, "h", ChronoUnit.MINUTES, "m", ChronoUnit.SECONDS, "s");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?");

    /**
     * The value a text stands for, checked.
     *
     * @throws SettingException when the text is not of the setting's type or breaks its rule
     */
    public T read(String text) {
        T value;
        try {
            value = reading.apply(text.strip());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new SettingException(this, "expected " + expected + ", got '" + text + "'");
        }
        return check(value);
    }

    /**
     * The value itself when it keeps the rule; null (not set) always does.
     *
     * @throws SettingException when it breaks the rule
     */
    public T check(T value) {
        if (value != null) {
            rule.apply(value).ifPresent(problem -> {
                throw new SettingException(this, problem);
            });
        }
        return value;
    }

    /** The name the setting has on the command line, else in the properties, else in a job file. */
    public String displayName() {
        return option != null ? option : property != null ? property : jobFileKey;
    }

    /** A whole number of at least {@code min}. */
    public static Setting<Integer> wholeNumber(String property, String option, String jobFileKey, int min) {
        return new Setting<>(property, option, jobFileKey, "a whole number",
                text -> Math.toIntExact(parseWholeNumber(text)), Setting.<Integer>atLeast(min));
    }

    /** A whole number from {@code min} to {@code max}; {@code why} says what the upper bound protects. */
    public static Setting<Integer> wholeNumber(String property, String option, String jobFileKey, int min, int max,
                                               String why) {
        return new Setting<>(property, option, jobFileKey, "a whole number",
                text -> Math.toIntExact(parseWholeNumber(text)),
                value -> value < min || value > max
                        ? Optional.of("must be from " + min + " to " + max + " (" + why + ") (is " + value + ")")
                        : Optional.empty());
    }

    /** A whole number of at least {@code min}, as a long. */
    public static Setting<Long> count(String property, String option, String jobFileKey, long min) {
        return new Setting<>(property, option, jobFileKey, "a whole number", Setting::parseWholeNumber, Setting.<Long>atLeast(min));
    }

    /** True or false, in any case. */
    public static Setting<Boolean> flag(String property, String option, String jobFileKey) {
        return new Setting<>(property, option, jobFileKey, "true or false", Setting::parseFlag, value -> Optional.empty());
    }

    /** A share above 0 and at most 1. */
    public static Setting<Double> share(String property, String option, String jobFileKey) {
        return new Setting<>(property, option, jobFileKey, "a number", Setting::parseNumber,
                value -> value > 0 && value <= 1 ? Optional.empty()
                        : Optional.of("must be a share above 0 and at most 1, e.g. 0.5 (is " + value + ")"));
    }

    /** A duration longer than zero, written with its unit. */
    public static Setting<Duration> positiveDuration(String property, String option, String jobFileKey) {
        return new Setting<>(property, option, jobFileKey, DURATION, Setting::parseDuration,
                value -> value.isZero() || value.isNegative()
                        ? Optional.of("must be longer than zero (is " + print(value) + ")")
                        : Optional.empty());
    }

    /** A duration from {@code min} to {@code max}, written with its unit. */
    public static Setting<Duration> duration(String property, String option, String jobFileKey, Duration min, Duration max) {
        return new Setting<>(property, option, jobFileKey, DURATION, Setting::parseDuration,
                value -> value.compareTo(min) < 0 || value.compareTo(max) > 0
                        ? Optional.of("must be from " + print(min) + " to " + print(max) + " (is " + print(value) + ")")
                        : Optional.empty());
    }

    /** A duration as a person would write it: {@code 2m}, {@code 30s}, {@code 250ms}, {@code -5s}; ISO-8601 below a millisecond. */
    public static String print(Duration value) {
        if (value.getNano() % 1_000_000 != 0) {
            return value.toString();
        }
        for (ChronoUnit unit : List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
            if (!value.isZero() && value.getNano() == 0 && value.getSeconds() % unit.getDuration().getSeconds() == 0) {
                return value.dividedBy(unit.getDuration()) + SIMPLE_UNITS.get(unit);
            }
        }
        return value.toMillis() + "ms";
    }

    private static <N extends Number> Function<N, Optional<String>> atLeast(long min) {
        return value -> value.longValue() < min ? Optional.of("must be at least " + min + " (is " + value + ")")
                : Optional.empty();
    }

    private static Boolean parseFlag(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(text);
        }
        return Boolean.valueOf(text);
    }

    private static long parseWholeNumber(String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(text);
        }
        return Long.parseLong(text);
    }

    /** Decimal numbers only: Java's own parser would also take {@code NaN}, {@code Infinity} and {@code 1d}. */
    private static double parseNumber(String text) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(text);
        }
        return Double.parseDouble(text);
    }

    /**
     * Durations as the command line and Spring properties write them ({@code 250ms}, {@code 30s},
     * {@code 15m}) or in ISO-8601 ({@code PT15M}). A number without a unit is refused rather than
     * guessed: Spring would take it for milliseconds, where a person writing {@code 2} likely meant seconds.
     *
     * @throws IllegalArgumentException saying what a duration looks like
     */
    public static Duration parseDuration(String text) {
        if (WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("expected " + DURATION + ", got '" + text + "'");
        }
        try {
            return DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + DURATION + ", got '" + text + "'");
        }
    }
}
