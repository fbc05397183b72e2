package io.backdrop.cli;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;

/** Durations as Spring writes them (250ms, 30s, 15m) or ISO-8601 (PT15M). */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 250ms, 30s, 15m)");
        }
    }
}
