package io.backdrop.report;

import java.net.URI;

/**
 * One manifest row as the contact sheet shows it.
 *
 * @param status SUCCEEDED, FAILED, REJECTED, PENDING or any other word: the sheet filters on it as given
 * @param source where the source image is read from; null when the row has none to show
 * @param result where the result image is read from; null when the row produced none
 */
public record ReportRow(int row, String id, String status, String prompt, String size, String quality, String error,
                        URI source, URI result) {
}
