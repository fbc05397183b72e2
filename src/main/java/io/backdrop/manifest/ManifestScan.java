package io.backdrop.manifest;

import java.io.IOException;
import java.util.List;

/**
 * What a full pass over a manifest found: the rows it holds and its columns. The pass reads every
 * record once, with the reader's own parsing, so a malformed manifest is reported before the
 * first API call is paid for; it keeps one record in memory at a time.
 *
 * @param rows    how many data records the manifest holds
 * @param columns the header's column names, trimmed, in file order
 */
public record ManifestScan(int rows, List<String> columns) {

    public ManifestScan {
        columns = List.copyOf(columns);
    }

    /**
     * Reads the whole manifest once.
     *
     * @throws ManifestFormatException when the header or a record is malformed
     * @throws IOException             when the manifest cannot be read at all
     */
    public static ManifestScan scan(String displayName, ResourceOpener opener) throws IOException {
        try (ManifestCursor cursor = ManifestCursor.open(displayName, opener)) {
            int rows = 0;
            while (cursor.next() != null) {
                rows++;
            }
            return new ManifestScan(rows, cursor.columns());
        }
    }
}
