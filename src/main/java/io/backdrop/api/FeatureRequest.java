package io.backdrop.api;

import io.backdrop.model.RowPlan;

/** The body of {@code POST /api/features}. */
public record FeatureRequest(String type, String model, PromptObject promptObject) {

    public static final String TYPE = "BACKGROUND_REPLACER";
    public static final String MODEL = RowPlan.MODEL;

    public static FeatureRequest backgroundReplacer(PromptObject promptObject) {
        return new FeatureRequest(TYPE, MODEL, promptObject);
    }
}
