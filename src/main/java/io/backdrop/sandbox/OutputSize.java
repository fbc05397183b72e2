package io.backdrop.sandbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code size} of a feature call as the sandbox reads the seed's "Size Constraints" table, on
 * its own: the client's reading ({@code io.backdrop.model.ImageSize}) is not used here, so that a
 * rule the client gets wrong is refused by the emulator instead of being accepted by both sides.
 */
record OutputSize(int width, int height) {

    private static final Pattern WXH = Pattern.compile("([1-9]\\d{0,5})x([1-9]\\d{0,5})");

    /** {@code WxH}, each a whole number written without a leading zero; empty for anything else. */
    static Optional<OutputSize> parse(String text) {
        Matcher matcher = WXH.matcher(text);
        return matcher.matches()
                ? Optional.of(new OutputSize(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))))
                : Optional.empty();
    }

    /** The first row of the seed's table the size breaks, in its words; empty when it keeps them all. */
    Optional<String> brokenRule() {
        long pixels = (long) width * height;
        int longest = Math.max(width, height);
        int shortest = Math.min(width, height);
        if (width % 16 != 0 || height % 16 != 0) {
            return Optional.of("width and height must both be divisible by 16");
        }
        if (pixels < 655_360) {
            return Optional.of("width x height must be at least 655360 pixels (is " + pixels + ")");
        }
        if (pixels > 8_294_400) {
            return Optional.of("width x height must be at most 8294400 pixels (is " + pixels + ")");
        }
        if (longest > 3_840) {
            return Optional.of("the longest edge must be at most 3840 px (is " + longest + ")");
        }
        if (longest > 3L * shortest) {
            return Optional.of("the longest edge must be at most 3 times the shortest");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
