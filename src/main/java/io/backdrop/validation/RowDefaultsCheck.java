package io.backdrop.validation;

import io.backdrop.model.ImageSize;
import io.backdrop.model.RowDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks the run's defaults against the same rules as a row's cells, before any row is read. */
public final class RowDefaultsCheck {

    private RowDefaultsCheck() {
    }

    /**
     * The rules these defaults break, each as "{@code <prefix>field}: rule", so that a bad default
     * is one configuration error rather than the same rejection on every row.
     */
    public static List<String> problems(RowDefaults defaults, String prefix) {
        String size = defaults.size();
        String prompt = defaults.prompt();
        List<String> problems = new ArrayList<>();
        if (!size.isBlank() && !SourceSizeChooser.isSource(size)) {
            Optional<ImageSize> parsed = ImageSize.parse(size.toLowerCase(Locale.ROOT));
            if (parsed.isEmpty()) {
                problems.add(prefix + "size: '" + size + "' must be WxH (e.g. 1024x1024) or source");
            } else {
                parsed.get().violation().ifPresent(rule -> problems.add(prefix + "size: '" + size + "': " + rule));
            }
        }
        choice(problems, prefix + "quality", defaults.quality(), RowValidator.QUALITIES);
        choice(problems, prefix + "background", defaults.background(), RowValidator.BACKGROUNDS);
        if (prompt.length() > RowValidator.MAX_PROMPT_LENGTH) {
            problems.add(prefix + "prompt: must be at most " + RowValidator.MAX_PROMPT_LENGTH
                    + " characters (is " + prompt.length() + ")");
        }
        return problems;
    }

    private static void choice(List<String> problems, String key, String value, List<String> choices) {
        if (!value.isBlank() && !choices.contains(value.trim().toLowerCase(Locale.ROOT))) {
            problems.add(key + ": '" + value + "' must be one of " + String.join(", ", choices));
        }
    }
}
