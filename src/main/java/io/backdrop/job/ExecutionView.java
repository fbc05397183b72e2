package io.backdrop.job;

import io.backdrop.model.CreditSummary;
import io.backdrop.model.RowStatus;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One execution as the console shows it; also the shape of {@code list --json} and {@code status --json}.
 *
 * @param credits      what the execution's paid calls reported of the team's credits; null in {@code list}
 * @param inDoubtCalls paid calls of the job instance whose answer was lost, so may have been charged
 *                     without a result (see {@link RowStatus}); a running execution's calls in
 *                     flight are not among them
 */
public record ExecutionView(long executionId, long instanceId, String status, String exitCode,
                            LocalDateTime startTime, LocalDateTime endTime, String manifest, String output,
                            Map<String, Long> rows, String lastError, String results,
                            String report, CreditSummary credits, long inDoubtCalls, PartitionsView partitions) {

    public long rowCount(RowStatus status) {
        return rows.getOrDefault(status.name(), 0L);
    }
}
