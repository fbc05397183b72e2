package io.backdrop.jobfile;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns Jackson's exceptions, written for developers ("Cannot deserialize value of type
 * `java.lang.Integer` from String..."), into one sentence for the person who wrote the job file:
 * which key, what was expected, what was found, on which line.
 */
final class BindingProblem {

    /** Jackson's words for a key given twice, which it reports only as text. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate [A-Za-z ]*property \"([^\"]*)\"");

    private BindingProblem() {
    }

    /** Whether the document had no content at all (an empty file, or only comments). */
    static boolean isEmptyDocument(JacksonException e) {
        return e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()
                && mismatch.getCurrentToken() == null;
    }

    /**
     * "retry.max-attempts: expected a whole number, got 'three' (line 9)", without the file.
     *
     * @param yaml the document, to find the line of an unknown key
     */
    static String describe(JacksonException e, String yaml) {
        String key = keyOf(e.getPath());
        String line = lineOf(e.getLocation());
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = keyOf(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)));
            line = lineOfKey(yaml, unknown.getPropertyName()).map(n -> " (line " + n + ")").orElse(line);
            return "unknown key '" + unknown.getPropertyName() + "'" + (parent.isEmpty() ? "" : " in " + parent) + line
                    + "; the keys " + (parent.isEmpty() ? "at the top" : "there") + " are: " + knownKeys(unknown);
        }
        if (e.getCause() instanceof MarkedYamlEngineException syntax) {
            Optional<Mark> mark = syntax.getContextMark().or(syntax::getProblemMark);
            return "not valid YAML: " + syntax.getProblem()
                    + (syntax.getContext() == null ? "" : " " + syntax.getContext())
                    + mark.map(m -> " (line " + (m.getLine() + 1) + ")").orElse(line);
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.lookingAt()) {
            return "the key '" + duplicate.group(1) + "' is given twice" + (key.isEmpty() ? "" : " in " + key) + line;
        }
        if (original.startsWith("Trailing token")) {
            return "holds a second YAML document (after ---); a job file is one document" + line;
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String found = found(mismatch);
            return (key.isEmpty() ? "" : key + ": ") + "expected " + expected(mismatch.getTargetType())
                    + (found.isEmpty() ? "" : ", got " + found) + line;
        }
        return (key.isEmpty() ? "" : key + ": ") + firstLine(e.getOriginalMessage()) + line;
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Duration.class) {
            return DurationDeserializer.EXAMPLES;
        }
        if (type.isRecord()) {
            return "a mapping of " + componentKeys(type);
        }
        return "a " + type.getSimpleName();
    }

    private static String found(MismatchedInputException mismatch) {
        if (mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            return "'" + invalid.getValue() + "'";
        }
        JsonToken token = mismatch.getCurrentToken();
        if (token == null) {
            return "";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_STRING -> "text";
            default -> "";
        };
    }

    private static String knownKeys(UnrecognizedPropertyException unknown) {
        Class<?> owner = unknown.getReferringClass();
        if (owner != null && owner.isRecord()) {
            return componentKeys(owner);
        }
        return unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** A record's keys in the order its components are declared, which is the order documented. */
    private static String componentKeys(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).map(BindingProblem::kebab)
                .collect(Collectors.joining(", "));
    }

    /** maxRetryTime to max-retry-time, as the reader's kebab-case naming strategy spells it. */
    private static String kebab(String name) {
        StringBuilder key = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                key.append('-').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static String keyOf(List<JacksonException.Reference> path) {
        StringBuilder key = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                key.append('[').append(reference.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    /**
     * The first line on which a key is written. Needed because for an unknown key the YAML parser
     * reports where its scanner stopped, which is past the value, often on the next line.
     */
    private static Optional<Integer> lineOfKey(String yaml, String key) {
        Pattern written = Pattern.compile("(^|[\\s{,])[\"']?" + Pattern.quote(key) + "[\"']?\\s*:");
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf(" #");
            if (written.matcher(comment >= 0 ? line.substring(0, comment) : line).find()) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    private static String lineOf(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "cannot be read";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
