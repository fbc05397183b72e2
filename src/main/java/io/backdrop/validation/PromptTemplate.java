package io.backdrop.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {{column}}} placeholders, filled from one manifest row's cells: a catalog
 * re-theme is one prompt for many products, each naming its own product ("a {{title}} on a snowy
 * window sill").
 *
 * <p>A placeholder is two braces, a column name and two braces; spaces inside the braces are
 * allowed ({@code {{ title }}}). Text that is not a placeholder ({@code {{}}}, a lone brace) is
 * kept as written. Cells are inserted as they are and never read as templates themselves, so a
 * cell holding braces cannot pull in other columns. Compiled once, rendered for any number of rows.
 */
public final class PromptTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s](?:[^{}]*[^{}\\s])?)\\s*\\}\\}");

    private final String text;
    /** Literal text and placeholders, alternating, in order; a literal may be empty. */
    private final List<String> literals;
    private final List<Placeholder> placeholders;

    private PromptTemplate(String text, List<String> literals, List<Placeholder> placeholders) {
        this.text = text;
        this.literals = List.copyOf(literals);
        this.placeholders = List.copyOf(placeholders);
    }

    public static PromptTemplate compile(String text) {
        Objects.requireNonNull(text, "text");
        List<String> literals = new ArrayList<>();
        List<Placeholder> placeholders = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int end = 0;
        while (m.find()) {
            literals.add(text.substring(end, m.start()));
            placeholders.add(new Placeholder(m.group(1), m.group()));
            end = m.end();
        }
        literals.add(text.substring(end));
        return new PromptTemplate(text, literals, placeholders);
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** Whether the text has any placeholder; without one, rendering gives the text back unchanged. */
    public boolean hasPlaceholders() {
        return !placeholders.isEmpty();
    }

    /**
     * Fills every placeholder from the cells (keyed by column name, as {@code ManifestRow.cells()}).
     * A column is matched by its exact name, else ignoring case, since spreadsheets like to
     * capitalise headers. Cells are trimmed, as {@code ManifestRow.cell} does.
     */
    public Rendering render(Map<String, String> cells) {
        if (placeholders.isEmpty()) {
            return new Rendering.Filled(text);
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        List<Placeholder> unknown = new ArrayList<>();
        for (int i = 0; i < placeholders.size(); i++) {
            out.append(literals.get(i));
            Placeholder placeholder = placeholders.get(i);
            String cell = lookUp(cells, placeholder.column());
            if (cell == null) {
                if (!unknown.contains(placeholder)) {
                    unknown.add(placeholder);
                }
            } else {
                out.append(cell.trim());
            }
        }
        out.append(literals.get(placeholders.size()));
        if (!unknown.isEmpty()) {
            return new Rendering.UnknownColumns(unknown, List.copyOf(cells.keySet()));
        }
        return new Rendering.Filled(out.toString());
    }

    private static String lookUp(Map<String, String> cells, String column) {
        String exact = cells.get(column);
        if (exact != null) {
            return exact;
        }
        String folded = column.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            if (cell.getKey().toLowerCase(Locale.ROOT).equals(folded)) {
                return cell.getValue();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * One {@code {{column}}} of a template.
     *
     * @param column  the column's name, without the braces and the spaces around it
     * @param written the placeholder as written, braces and spaces included
     */
    public record Placeholder(String column, String written) {
    }

    /** The outcome of filling a template for one row. */
    public sealed interface Rendering permits Rendering.Filled, Rendering.UnknownColumns {

        /** Every placeholder was filled. */
        record Filled(String prompt) implements Rendering {
        }

        /**
         * At least one placeholder names a column the manifest does not have.
         *
         * @param unknown the placeholders with no column, in template order
         * @param columns the columns the manifest has, in header order
         */
        record UnknownColumns(List<Placeholder> unknown, List<String> columns) implements Rendering {

            public UnknownColumns {
                unknown = List.copyOf(unknown);
                columns = List.copyOf(columns);
            }

            /** "unknown column 'colour' in {{colour}}; the manifest has: id, image, prompt". */
            public String message() {
                StringBuilder message = new StringBuilder(unknown.size() == 1 ? "unknown column " : "unknown columns ");
                for (int i = 0; i < unknown.size(); i++) {
                    if (i > 0) {
                        message.append(i == unknown.size() - 1 ? " and " : ", ");
                    }
                    message.append('\'').append(unknown.get(i).column()).append("' in ").append(unknown.get(i).written());
                }
                return message.append("; the manifest has: ").append(String.join(", ", columns)).toString();
            }
        }
    }
}
