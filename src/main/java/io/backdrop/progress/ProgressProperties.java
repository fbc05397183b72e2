package io.backdrop.progress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How progress is shown.
 *
 * @param mode     auto, bar, log or none
 * @param interval how often a log line is written in log mode
 */
@ConfigurationProperties("backdrop.progress")
public record ProgressProperties(@DefaultValue("auto") String mode, @DefaultValue("5s") Duration interval) {

    public ProgressProperties {
        ProgressMode.parse(mode);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the progress interval must be positive");
        }
    }

    public ProgressMode progressMode() {
        return ProgressMode.parse(mode);
    }
}
