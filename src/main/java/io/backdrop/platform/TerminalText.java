package io.backdrop.platform;

/**
 * Text from outside (a manifest cell, a server's message) made safe to print on a terminal: an
 * escape sequence could rewrite the screen, move the cursor or set the window title, and a
 * bidirectional override could make an id read differently from what it is. Such characters are
 * shown as escapes ({@code \u001b}); printable text, any script, is left as it is.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** Control characters (C0, DEL, C1), line and paragraph separators and invisible format characters, escaped. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (isUnsafe(c)) {
                if (shown == null) {
                    shown = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                shown.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", c);
                });
            } else if (shown != null) {
                shown.appendCodePoint(c);
            }
            i += width;
        }
        return shown == null ? text : shown.toString();
    }

    /**
     * Whether a character must not reach a terminal raw: controls, separators that break a line,
     * and format characters (bidi overrides and isolates, zero-width characters, the BOM).
     */
    public static boolean isUnsafe(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** At most {@code max} characters of the text, with how much was left out; huge values are shown, not dumped. */
    public static String capped(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "... (" + (text.length() - max) + " more characters)";
    }
}
