package io.backdrop.model;

/** A rule one field of a row breaks, e.g. field {@code size}, rule "width and height must both be divisible by 16". */
public record Violation(String field, String value, String rule) {

    /** "size '1000x1000': width and height must both be divisible by 16". */
    public String describe() {
        return value == null || value.isEmpty() ? field + ": " + rule : field + " '" + abbreviate(value) + "': " + rule;
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
