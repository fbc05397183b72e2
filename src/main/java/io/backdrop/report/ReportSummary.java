package io.backdrop.report;

import io.backdrop.model.CreditSummary;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The execution a contact sheet is about.
 *
 * @param counts rows by status; the sheet offers a filter for each key, in the map's order after the usual statuses
 * @param end    null while the execution is still running
 * @param credits what the execution's paid calls reported of the team's credits; null to leave them out
 */
public record ReportSummary(long executionId, String status, String manifest, String output, Map<String, Long> counts,
                            LocalDateTime start, LocalDateTime end, CreditSummary credits) {

    public ReportSummary {
        counts = counts == null ? Map.of() : counts;
    }

    public ReportSummary(long executionId, String status, String manifest, String output, Map<String, Long> counts,
                         LocalDateTime start, LocalDateTime end) {
        this(executionId, status, manifest, output, counts, start, end, null);
    }
}
