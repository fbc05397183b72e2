package io.backdrop.job;

import io.backdrop.api.ApiProperties;
import io.backdrop.model.Setting;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every setting a run takes, wherever it is written (option, job file, property): the one list
 * the command line, the job file reader and the start-up's messages look a setting up in.
 */
public final class RunSettings {

    /** Asked before a run that would pay for more rows than this; a question for the console, not a property. */
    public static final Setting<Integer> CONFIRM_OVER = Setting.wholeNumber(null, "--confirm-over", "budget.confirm-over", 0);

    public static final List<Setting<?>> ALL = Stream.<List<Setting<?>>>of(JobProperties.SETTINGS, ApiProperties.SETTINGS,
            List.of(CONFIRM_OVER)).flatMap(List::stream).toList();

    private RunSettings() {
    }

    /** The setting a Spring property sets, e.g. {@code backdrop.job.concurrency}. */
    public static Optional<Setting<?>> byProperty(String property) {
        return ALL.stream().filter(setting -> property.equals(setting.property())).findFirst();
    }
}
