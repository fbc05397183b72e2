package io.backdrop.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an empty prompt, size, quality or background cell takes: the command line's or job file's defaults. */
public record RowDefaults(String prompt, String size, String quality, String background) {

    public static final String DEFAULT_BACKGROUND = "auto";

    public RowDefaults {
        prompt = prompt == null ? "" : prompt;
        size = size == null ? "" : size;
        quality = quality == null ? "" : quality;
        background = background == null || background.isBlank() ? DEFAULT_BACKGROUND : background;
    }

    /**
     * The rules these defaults break, each as "{@code <prefix>field}: rule", so that a bad default
     * is one configuration error rather than the same rejection on every row.
     */
    public List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (!size.isBlank() && !SourceSizeChooser.isSource(size)) {
            Optional<ImageSize> parsed = ImageSize.parse(size.toLowerCase(Locale.ROOT));
            if (parsed.isEmpty()) {
                problems.add(prefix + "size: '" + size + "' must be WxH (e.g. 1024x1024) or source");
            } else {
                parsed.get().violation().ifPresent(rule -> problems.add(prefix + "size: '" + size + "': " + rule));
            }
        }
        choice(problems, prefix + "quality", quality, RowValidator.QUALITIES);
        choice(problems, prefix + "background", background, RowValidator.BACKGROUNDS);
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
