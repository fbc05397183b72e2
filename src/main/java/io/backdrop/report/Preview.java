package io.backdrop.report;

import java.util.Optional;

/**
 * A thumbnail ready to embed, or the reason there is none. Exactly one of {@code dataUri} and
 * {@code placeholder} is set.
 */
public record Preview(String dataUri, int width, int height, String placeholder) {

    public static Preview of(String dataUri, int width, int height) {
        return new Preview(dataUri, width, height, null);
    }

    public static Preview placeholder(String reason) {
        return new Preview(null, 0, 0, reason);
    }

    public Optional<String> image() {
        return Optional.ofNullable(dataUri);
    }
}
