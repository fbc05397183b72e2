package io.backdrop.manifest;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;
import com.opencsv.exceptions.CsvValidationException;
import io.backdrop.model.ManifestRow;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A forward-only walk through a manifest's records, one in memory at a time. The single place
 * where manifest bytes become {@link ManifestRow}s, shared by the preflight scan and the reader
 * so that both accept and reject exactly the same files.
 */
final class ManifestCursor implements Closeable {

    /**
     * A record may span lines (a prompt with newlines), but a quote left open would otherwise
     * swallow the rest of the file into one record; this bounds the memory that costs.
     */
    static final int MAX_LINES_PER_RECORD = 1_000;

    private static final char BOM = '\uFEFF';
    private static final char UNDECODABLE = '\uFFFD';
    private static final Set<String> KNOWN_COLUMNS = Set.of(ManifestRow.ID, ManifestRow.IMAGE,
            ManifestRow.PROMPT, ManifestRow.SIZE, ManifestRow.QUALITY, ManifestRow.BACKGROUND);

    private final String manifest;
    private final CSVReader csv;
    private final List<String> columns;
    private int rows;

    private ManifestCursor(String manifest, CSVReader csv) throws IOException {
        this.manifest = manifest;
        this.csv = csv;
        this.columns = readHeader();
    }

    /** Opens the manifest and reads its header; a missing or broken header is a {@link ManifestFormatException}. */
    static ManifestCursor open(String manifest, ResourceOpener opener) throws IOException {
        // The default replacement of undecodable bytes is kept on purpose: a replacement char
        // found in a record is reported with that record's line, which a decoding exception
        // thrown from deep inside a read-ahead buffer could not do.
        Reader decoded = new InputStreamReader(opener.open(), StandardCharsets.UTF_8);
        Reader text;
        try {
            text = withoutBom(decoded);
        } catch (IOException e) {
            decoded.close();
            throw e;
        }
        CSVReader csv = new CSVReaderBuilder(text)
                .withCSVParser(new RFC4180ParserBuilder().build())
                .withMultilineLimit(MAX_LINES_PER_RECORD)
                .build();
        try {
            return new ManifestCursor(manifest, csv);
        } catch (IOException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** The header's column names, trimmed, in file order. */
    List<String> columns() {
        return columns;
    }

    /** The next data record, or null after the last one (blank lines at the end are ignored). */
    ManifestRow next() throws IOException {
        long firstBlankLine = 0;
        while (true) {
            long start = csv.getLinesRead() + 1;
            String[] fields = readRecord(start);
            if (fields == null) {
                return null;
            }
            if (isBlank(fields)) {
                firstBlankLine = firstBlankLine == 0 ? start : firstBlankLine;
                continue;
            }
            if (firstBlankLine != 0) {
                throw problem(firstBlankLine, "blank line between records (only blank lines at the end are ignored)");
            }
            if (fields.length != columns.size()) {
                throw problem(start, "has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
                        + ", the header has " + columns.size());
            }
            requireDecodable(start, fields);
            rows++;
            return new ManifestRow(rows, start, cellsOf(fields));
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private List<String> readHeader() throws IOException {
        String[] header = readRecord(1);
        if (header == null || isBlank(header)) {
            throw problem(1, "no header row; the first line must name the columns, e.g. id,image,prompt");
        }
        requireDecodable(1, header);
        List<String> names = new ArrayList<>(header.length);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String name = columnName(header[i]);
            if (name.isEmpty()) {
                throw problem(1, "header column " + (i + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw problem(1, "header names the column '" + name + "' twice");
            }
            names.add(name);
        }
        if (!seen.contains(ManifestRow.IMAGE)) {
            throw problem(1, "header has no '" + ManifestRow.IMAGE + "' column (columns: " + String.join(", ", names) + ")");
        }
        return List.copyOf(names);
    }

    /** Known columns match whatever their case, as spreadsheets like to capitalise headers. */
    private static String columnName(String raw) {
        String name = raw.trim();
        String lower = name.toLowerCase(Locale.ROOT);
        return KNOWN_COLUMNS.contains(lower) ? lower : name;
    }

    private String[] readRecord(long start) throws IOException {
        try {
            return csv.readNext();
        } catch (CsvMalformedLineException e) {
            throw problem(start, "a quoted field is never closed (a '\"' without its closing '\"')");
        } catch (CsvMultilineLimitBrokenException e) {
            throw problem(start, "a quoted field runs over more than " + MAX_LINES_PER_RECORD
                    + " lines; probably a '\"' without its closing '\"'");
        } catch (CsvValidationException e) {
            // Only raised by validators, and none is configured.
            throw problem(start, e.getMessage());
        }
    }

    private Map<String, String> cellsOf(String[] fields) {
        Map<String, String> cells = new LinkedHashMap<>(columns.size() * 2);
        for (int i = 0; i < fields.length; i++) {
            cells.put(columns.get(i), fields[i]);
        }
        return Collections.unmodifiableMap(cells);
    }

    private void requireDecodable(long start, String[] fields) {
        for (String field : fields) {
            if (field.indexOf(UNDECODABLE) >= 0) {
                throw problem(start, "is not valid UTF-8 (save the manifest as UTF-8)");
            }
        }
    }

    /** An empty physical line parses as a record of one empty field. */
    private static boolean isBlank(String[] fields) {
        return fields.length == 1 && fields[0].isEmpty();
    }

    private ManifestFormatException problem(long line, String what) {
        return new ManifestFormatException(manifest, line, what);
    }

    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != BOM) {
            pushback.unread(first);
        }
        return new BufferedReader(pushback);
    }
}
