package io.backdrop.model;

import java.time.Duration;
import java.util.Locale;

/**
 * A span of wall-clock time as a person reads it, {@code H:MM:SS} with hours unbounded, rounded
 * to the second (a negative span shows as zero): the run summary, the progress line's ETA and
 * report.html all show durations this way. A setting's duration is written as the user writes it
 * instead, by {@link Setting#print(Duration)}, so that it can be read back.
 */
public record Elapsed(Duration duration) {

    @Override
    public String toString() {
        long seconds = Math.max(0, (duration.toMillis() + 500) / 1000);
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
