package io.backdrop.report;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * The execution a contact sheet is about.
 *
 * @param counts rows by status; the sheet offers a filter for each key, in the map's order after the usual statuses
 * @param end    null while the execution is still running
 */
public record ReportSummary(long executionId, String status, String manifest, String output, Map<String, Long> counts,
                            LocalDateTime start, LocalDateTime end) {

    public ReportSummary {
        counts = counts == null ? Map.of() : counts;
    }
}
