package io.backdrop.report;

import java.util.function.UnaryOperator;

/**
 * Keeps a CSV cell from being read as a formula when the file is opened in a spreadsheet, as
 * OWASP's advice on CSV injection has it: a cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return gets a leading single quote. Ids, image paths and error
 * texts come from manifests and servers, so any of them could be {@code =HYPERLINK(...)}.
 * A plain number (such as {@code -1}) is left alone: it is a value, not a formula.
 */
final class FormulaNeutralizer {

    private FormulaNeutralizer() {
    }

    static String cell(String value) {
        if (value == null || value.isEmpty() || !startsLikeFormula(value.charAt(0)) || isNumber(value)) {
            return value;
        }
        return "'" + value;
    }

    /** Each value through {@code shown}, then neutralised. */
    static String[] cells(UnaryOperator<String> shown, String[] values) {
        String[] safe = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            safe[i] = cell(shown.apply(values[i]));
        }
        return safe;
    }

    private static boolean startsLikeFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean isNumber(String value) {
        return value.matches("[+-]?[0-9]+(\\.[0-9]+)?");
    }
}
