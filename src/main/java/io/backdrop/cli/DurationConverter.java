package io.backdrop.cli;

import io.backdrop.model.Setting;
import java.time.Duration;
import picocli.CommandLine;

/** Durations read as every setting reads them (250ms, 30s, 15m, PT15M; a number needs its unit), for options that are not settings. */
public class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Setting.parseDuration(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
