package io.backdrop.model;

/** What an empty prompt, size, quality or background cell takes: the command line's or job file's defaults. */
public record RowDefaults(String prompt, String size, String quality, String background) {

    public static final String DEFAULT_BACKGROUND = "auto";

    public RowDefaults {
        prompt = prompt == null ? "" : prompt;
        size = size == null ? "" : size;
        quality = quality == null ? "" : quality;
        background = background == null || background.isBlank() ? DEFAULT_BACKGROUND : background;
    }
}
