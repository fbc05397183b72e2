package io.backdrop.model;

/** What a paid call asked for that sets its price: the quality and the size, e.g. {@code low}, {@code 1536x1024}. */
public record CallSetting(String quality, String size) {
}
