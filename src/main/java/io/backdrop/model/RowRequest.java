package io.backdrop.model;

/**
 * What a row asked the API for, as the ledger keeps it for the report: for a valid row what was
 * sent (template filled, {@code size: source} chosen), for a rejected row what its cells or the
 * run's defaults asked for, as written.
 *
 * <p>A rejected row's cells may be any length; each field is clipped to what its ledger column
 * holds (a valid row's fields always fit: the rules the API enforces are shorter).
 */
public record RowRequest(String prompt, String size, String quality, String background) {

    /** The ledger's column sizes (migration V7). */
    public static final int MAX_PROMPT = 4_000;
    public static final int MAX_SETTING = 64;

    public RowRequest {
        prompt = clip(prompt, MAX_PROMPT);
        size = clip(size, MAX_SETTING);
        quality = clip(quality, MAX_SETTING);
        background = clip(background, MAX_SETTING);
    }

    private static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        // Cut before a surrogate pair rather than through it, and say that text was left out.
        int end = Character.isLowSurrogate(text.charAt(max - 1)) ? max - 2 : max - 1;
        return text.substring(0, end) + "\u2026";
    }
}
