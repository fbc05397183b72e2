package io.backdrop.report;

/**
 * One manifest row as the contact sheet shows it, from what the ledger recorded.
 *
 * @param image        the image cell as written
 * @param status       SUCCEEDED, FAILED, REJECTED, PENDING or any other word: the sheet filters on it as given
 * @param inDoubtCalls paid calls of the row whose answer was lost (each may have been charged)
 * @param source       the source's thumbnail; null when the card shows no pictures
 * @param result       the result's thumbnail; null when the card shows no pictures
 */
public record ReportRow(int row, String id, String image, String status, String prompt, String size, String quality,
                        String background, String error, int inDoubtCalls, Preview source, Preview result) {

    /** The same row without pictures. */
    public ReportRow(int row, String id, String image, String status, String prompt, String size, String quality,
                     String background, String error, int inDoubtCalls) {
        this(row, id, image, status, prompt, size, quality, background, error, inDoubtCalls, null, null);
    }

    public ReportRow withPictures(Preview source, Preview result) {
        return new ReportRow(row, id, image, status, prompt, size, quality, background, error, inDoubtCalls, source,
                result);
    }

    boolean pictured() {
        return source != null || result != null;
    }
}
