package io.backdrop.validation;

import io.backdrop.platform.TerminalText;
import java.net.URI;
import java.util.Optional;

/** The rules for a row's id, which names its output file ({@code <output>/<id>.png}). */
final class RowId {

    static final int MAX_LENGTH = 200;

    private RowId() {
    }

    /** The id an empty id cell takes: the image's file name without its extension. */
    static String fromImage(String image) {
        String name = lastSegment(pathOf(image));
        int dot = name.lastIndexOf('.');
        // A leading dot is part of a name (".hidden"), not an extension.
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The first reason the id cannot safely name a file; empty when it can. */
    static Optional<String> unsafe(String id) {
        if (id.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters (is " + id.length() + ")");
        }
        if (id.indexOf('/') >= 0 || id.indexOf('\\') >= 0) {
            return Optional.of("must not contain a path separator ('/' or '\\')");
        }
        if (id.equals(".") || id.contains("..")) {
            return Optional.of("must not be '.' or contain '..'");
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (TerminalText.isUnsafe(c)) {
                // Bidi overrides and zero-width characters make an id read as another (or as nothing) on screen.
                String kind = Character.isISOControl(c) ? "control characters"
                        : "invisible or bidirectional formatting characters";
                return Optional.of("must not contain " + kind + " (U+" + String.format("%04X", c) + " at character " + (i + 1) + ")");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /** The path part of a URI cell (no query string or fragment), or the cell itself for a file path. */
    private static String pathOf(String image) {
        if (image.contains("://") || image.startsWith("file:")) {
            try {
                String path = URI.create(image).getPath();
                if (path != null) {
                    return path;
                }
            } catch (IllegalArgumentException e) {
                // Not a valid URI: the image rule reports it; the raw text still gives a name.
            }
        }
        return image;
    }

    private static String lastSegment(String path) {
        int end = path.length();
        while (end > 0 && isSeparator(path.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && !isSeparator(path.charAt(start - 1))) {
            start--;
        }
        return path.substring(start, end);
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }
}
