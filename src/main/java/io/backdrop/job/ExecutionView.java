package io.backdrop.job;

import io.backdrop.model.RowStatus;
import java.time.LocalDateTime;
import java.util.Map;

/** One execution as the console shows it; also the shape of {@code list --json} and {@code status --json}. */
public record ExecutionView(long executionId, long instanceId, String status, String exitCode,
                            LocalDateTime startTime, LocalDateTime endTime, String manifest, String output,
                            Map<String, Long> rows, String lastError, String results,
                            String report) {

    public long rowCount(RowStatus status) {
        return rows.getOrDefault(status.name(), 0L);
    }
}
