package io.backdrop.sandbox;

import io.backdrop.model.Violation;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/features} against the seed: exactly its fields, its constants, and
 * the rules on prompt, size, quality and background; imageUrl must name an earlier upload. The first
 * broken rule is refused with 400 and a message naming the field, in the words of {@link Violation}.
 */
final class FeatureCallCheck {

    /** The seed's constants for this feature. */
    static final String TYPE = "BACKGROUND_REPLACER";
    static final String MODEL = "gpt-image-2";
    static final int MAX_PROMPT = 4_000;
    private static final Set<String> TOP_FIELDS = Set.of("type", "model", "promptObject");
    private static final Set<String> PROMPT_FIELDS = Set.of("imageUrl", "prompt", "size", "quality", "background");
    private static final Set<String> QUALITIES = Set.of("low", "medium", "high");
    private static final Set<String> BACKGROUNDS = Set.of("auto", "opaque");

    private final AssetStore assets;

    FeatureCallCheck(AssetStore assets) {
        this.assets = assets;
    }

    GenerationRequest check(JsonNode body) {
        requireObject(body, "the body", TOP_FIELDS);
        requireConstant(body, "type", TYPE);
        requireConstant(body, "model", MODEL);
        JsonNode prompt = body.get("promptObject");
        if (prompt == null || prompt.isNull()) {
            throw refuse("promptObject", null, "is required");
        }
        requireObject(prompt, "promptObject", PROMPT_FIELDS);

        String imageUrl = requireText(prompt, "imageUrl");
        StoredAsset source = assets.find(imageUrl)
                .orElseThrow(() -> refuse("imageUrl", imageUrl, "is not the path of an uploaded asset"));
        if (!source.isImage()) {
            throw refuse("imageUrl", imageUrl, "is not a PNG, JPEG or WebP image");
        }

        String text = requireText(prompt, "prompt");
        if (text.codePointCount(0, text.length()) > MAX_PROMPT) {
            throw refuse("prompt", text, "must be at most " + MAX_PROMPT + " characters");
        }

        String sizeText = requireText(prompt, "size");
        OutputSize size = OutputSize.parse(sizeText)
                .orElseThrow(() -> refuse("size", sizeText, "must be WxH, e.g. 1024x1024"));
        size.brokenRule().ifPresent(rule -> {
            throw refuse("size", sizeText, rule);
        });

        String quality = requireText(prompt, "quality");
        if (!QUALITIES.contains(quality)) {
            throw refuse("quality", quality, "must be low, medium or high");
        }

        String background = "auto";
        JsonNode backgroundNode = prompt.get("background");
        if (backgroundNode != null && !backgroundNode.isNull()) {
            background = requireText(prompt, "background");
            if (!BACKGROUNDS.contains(background)) {
                throw refuse("background", background, "must be auto or opaque");
            }
        }
        return new GenerationRequest(new RequestedGeneration(imageUrl, text, sizeText, quality, background), size, source);
    }

    private static void requireObject(JsonNode node, String what, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw RejectedRequest.badRequest(what + " must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw RejectedRequest.badRequest(what + " has an unknown field '" + field.getKey() + "'; allowed: "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static void requireConstant(JsonNode body, String field, String expected) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString() || !expected.equals(value.stringValue())) {
            throw refuse(field, value == null || value.isNull() ? null : value.toString(), "must be " + expected);
        }
    }

    private static String requireText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw refuse(field, null, "is required");
        }
        if (!value.isString()) {
            throw refuse(field, value.toString(), "must be a string");
        }
        if (value.stringValue().isBlank()) {
            throw refuse(field, null, "must not be blank");
        }
        return value.stringValue();
    }

    private static RejectedRequest refuse(String field, String value, String rule) {
        return RejectedRequest.badRequest(new Violation(field, value, rule).describe());
    }
}
