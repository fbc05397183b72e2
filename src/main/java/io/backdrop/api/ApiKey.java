package io.backdrop.api;

import io.backdrop.platform.IoReason;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The 1min.ai API key. It is read from the environment or a file, only ever put into the
 * {@code API-KEY} header, and prints as a mask so that no log line or report can carry it.
 * {@link #redact} is the one place where the key is taken out of a text; every error text that
 * may have met the key passes through it before it is logged, stored or printed.
 */
public final class ApiKey {

    public static final String ENVIRONMENT_VARIABLE = "ONEMIN_API_KEY";
    /** Real keys are far shorter; a longer value is a file or a paste gone wrong. */
    static final int MAX_LENGTH = 1024;
    static final String MASK = "****";

    private final String value;
    /** The forms the key may take in a text: as is, URL-encoded, JSON-escaped. */
    private final List<String> shapes;
    /** The URL-encoded form with its escapes in either case ({@code %2F} or {@code %2f}). */
    private final Pattern encoded;

    private ApiKey(String value) {
        this.value = value;
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(encoded);
        this.encoded = anyCaseEscapes(encoded);
        forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
        // Longest first, so that a longer form is not left half masked by a shorter one inside it.
        this.shapes = forms.stream().sorted((a, b) -> b.length() - a.length()).toList();
    }

    /**
     * A key as given, surrounding whitespace removed.
     *
     * @throws IllegalArgumentException when it is empty or not of a key's form; the message never holds the key
     */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        String key = value.strip();
        formProblem(key).ifPresent(problem -> {
            throw new IllegalArgumentException("the API key " + problem
                    + "; a key is one line of visible ASCII characters, without spaces");
        });
        return new ApiKey(key);
    }

    /**
     * The key in the file (its first line), or else in {@value #ENVIRONMENT_VARIABLE}; empty when neither has one.
     *
     * @throws IOException naming the file and why it cannot be read
     * @throws IllegalArgumentException naming where the key came from, when it is not of a key's form
     */
    public static Optional<ApiKey> fromFileOrEnvironment(Path file, String environmentValue) throws IOException {
        if (file != null) {
            String content;
            try {
                if (Files.isDirectory(file)) {
                    throw new IOException("the API key file " + file + " is a directory");
                }
                content = Files.readString(file).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw e.getMessage() != null && e.getMessage().startsWith("the API key file") ? e
                        : new IOException(IoReason.describe("the API key file", file, e), e);
            }
            if (content.isBlank()) {
                throw new IOException("the API key file " + file + " is empty");
            }
            return Optional.of(named("the API key file " + file, content));
        }
        if (environmentValue != null && !environmentValue.isBlank()) {
            return Optional.of(named(ENVIRONMENT_VARIABLE, environmentValue));
        }
        return Optional.empty();
    }

    private static ApiKey named(String source, String value) {
        try {
            return of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** What is wrong with the key's form, by position only, never by content. */
    static Optional<String> formProblem(String key) {
        if (key.length() > MAX_LENGTH) {
            return Optional.of("is " + key.length() + " characters long, more than " + MAX_LENGTH);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                continue;
            }
            String what = c == '\n' || c == '\r' ? "a line break"
                    : Character.isWhitespace(c) || Character.isSpaceChar(c) ? "a space"
                    : c < 0x20 || c == 0x7F ? "a control character" : "a character that is not ASCII";
            return Optional.of("contains " + what + " (at character " + (i + 1) + " of " + key.length() + ")");
        }
        return Optional.empty();
    }

    /** The secret itself, for the request header only. */
    public String reveal() {
        return value;
    }

    /** The text with every form of the key in it masked; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String shape : shapes) {
            redacted = redacted.replace(shape, MASK);
        }
        return encoded.matcher(redacted).replaceAll(MASK);
    }

    /** Whether the text holds the key in any of its forms. */
    public boolean appearsIn(String text) {
        return text != null && (shapes.stream().anyMatch(text::contains) || encoded.matcher(text).find());
    }

    private static Pattern anyCaseEscapes(String encoded) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                regex.append('%');
                for (char hex : new char[] {encoded.charAt(i + 1), encoded.charAt(i + 2)}) {
                    regex.append('[').append(Character.toUpperCase(hex)).append(Character.toLowerCase(hex)).append(']');
                }
                i += 2;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return "ApiKey[" + MASK + "]";
    }
}
