package io.backdrop.api;

/** The {@code promptObject} of a BACKGROUND_REPLACER feature call, exactly as the seed documents it. */
public record PromptObject(String imageUrl, String prompt, String size, String quality, String background) {
}
