package io.backdrop.api;

/** The body of {@code POST /api/features}. */
public record FeatureRequest(String type, String model, PromptObject promptObject) {

    public static final String TYPE = "BACKGROUND_REPLACER";
    public static final String MODEL = "gpt-image-2";

    public static FeatureRequest backgroundReplacer(PromptObject promptObject) {
        return new FeatureRequest(TYPE, MODEL, promptObject);
    }
}
