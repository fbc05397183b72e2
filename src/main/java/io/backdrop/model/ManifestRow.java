package io.backdrop.model;

import java.util.Map;

/**
 * One data record of a manifest.
 *
 * @param row   1-based number of the data record (the header is not counted)
 * @param line  1-based physical line of the file where the record starts (a quoted newline spans lines)
 * @param cells every column of the header, in header order, to its cell ("" when empty)
 */
public record ManifestRow(int row, long line, Map<String, String> cells) {

    public static final String ID = "id";
    public static final String IMAGE = "image";
    public static final String PROMPT = "prompt";
    public static final String SIZE = "size";
    public static final String QUALITY = "quality";
    public static final String BACKGROUND = "background";

    /** The cell of a column, trimmed; "" when the column is absent or empty. */
    public String cell(String column) {
        String value = cells.get(column);
        return value == null ? "" : value.trim();
    }
}
