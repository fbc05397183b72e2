package io.backdrop.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output size in the API's {@code WxH} form, with the rules GPT Image 2 puts on it.
 * The sandbox checks requests with the same rules, so the client and the emulator cannot drift.
 */
public record ImageSize(int width, int height) {

    public static final int BLOCK = 16;
    public static final long MIN_PIXELS = 655_360L;
    public static final long MAX_PIXELS = 8_294_400L;
    public static final int MAX_EDGE = 3_840;
    public static final int MAX_ASPECT = 3;

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})x([1-9][0-9]{0,5})");

    /** Parses {@code WxH}; empty when the text is not of that form. */
    public static Optional<ImageSize> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ImageSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    /** The first rule of the seed this size breaks, as a sentence; empty when it keeps them all. */
    public Optional<String> violation() {
        if (width % BLOCK != 0 || height % BLOCK != 0) {
            return Optional.of("width and height must both be divisible by " + BLOCK);
        }
        if (pixels() < MIN_PIXELS) {
            return Optional.of("width x height must be at least " + MIN_PIXELS + " pixels (is " + pixels() + ")");
        }
        if (pixels() > MAX_PIXELS) {
            return Optional.of("width x height must be at most " + MAX_PIXELS + " pixels (is " + pixels() + ")");
        }
        if (longEdge() > MAX_EDGE) {
            return Optional.of("the longest edge must be at most " + MAX_EDGE + " px (is " + longEdge() + ")");
        }
        if (longEdge() > (long) MAX_ASPECT * shortEdge()) {
            return Optional.of("the longest edge must be at most " + MAX_ASPECT + " times the shortest");
        }
        return Optional.empty();
    }

    public long pixels() {
        return (long) width * height;
    }

    public int longEdge() {
        return Math.max(width, height);
    }

    public int shortEdge() {
        return Math.min(width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
