package io.backdrop.model;

import io.backdrop.model.RowRequest;
import java.time.Instant;

/**
 * A row of the ledger: what has been done for one manifest row of one job instance.
 *
 * @param attempts API requests made for the row so far, retries included, over all executions
 * @param request  what the row asked for, kept for the report; null for rows recorded before it was kept
 */
public record RowRecord(long jobInstanceId, int row, long line, String id, String image, RowStatus status,
                        String assetPath, String aiRecordUuid, String resultPath, String temporaryUrl,
                        String output, int attempts, String error, boolean retryable, String fingerprint,
                        long jobExecutionId, Instant updatedAt,
                        RowRequest request) {

    public static RowRecord rejected(long jobInstanceId, long jobExecutionId, int row, long line, String id,
                                     String image, String error, RowRequest request) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.REJECTED, null, null, null, null, null,
                0, error, false, null, jobExecutionId, Instant.now(), request);
    }

    /**
     * A row about to be worked on by an execution, carrying over whatever an earlier one recorded,
     * with the request this execution sends.
     */
    public static RowRecord resume(RowRecord earlier, long jobInstanceId, long jobExecutionId, int row, long line,
                                   String id, String image, RowRequest request) {
        if (earlier == null) {
            return new RowRecord(jobInstanceId, row, line, id, image, null, null, null, null, null, null, 0, null,
                    false, null, jobExecutionId, Instant.now(), request);
        }
        return new RowRecord(jobInstanceId, row, line, id, image, earlier.stage(), earlier.assetPath,
                earlier.aiRecordUuid, earlier.resultPath, earlier.temporaryUrl, earlier.output, earlier.attempts,
                null, false, earlier.fingerprint, jobExecutionId, Instant.now(), request);
    }

    public RowRecord uploaded(String assetPath, int calls) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.UPLOADED, assetPath, null, null, null,
                null, attempts + calls, null, false, fingerprint, jobExecutionId, Instant.now(), request);
    }

    public RowRecord generated(String aiRecordUuid, String resultPath, String temporaryUrl, int calls) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.GENERATED, assetPath, aiRecordUuid,
                resultPath, temporaryUrl, null, attempts + calls, null, false, fingerprint, jobExecutionId, Instant.now(), request);
    }

    public RowRecord succeeded(String output, int calls) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.SUCCEEDED, assetPath, aiRecordUuid,
                resultPath, temporaryUrl, output, attempts + calls, null, false, fingerprint, jobExecutionId, Instant.now(), request);
    }

    /** The same row, knowing what its result depends on. */
    public RowRecord withFingerprint(String fingerprint) {
        return new RowRecord(jobInstanceId, row, line, id, image, status, assetPath, aiRecordUuid, resultPath,
                temporaryUrl, output, attempts, error, retryable, fingerprint, jobExecutionId, Instant.now(), request);
    }

    /** A row whose result is an earlier row's, published under this row's name. */
    public RowRecord reused(RowRecord earlier, String output) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.REUSED, null, earlier.aiRecordUuid,
                earlier.resultPath, null, output, attempts, null, false, fingerprint, jobExecutionId, Instant.now(), request);
    }

    /**
     * A row that failed in this execution. A retryable failure (transient errors outlasted the
     * retries) is worked on again by a restart, from the stage it reached; a permanent one is final.
     */
    public RowRecord failed(String reason, boolean retryable, int calls) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.FAILED, assetPath, aiRecordUuid,
                resultPath, temporaryUrl, output, attempts + calls, reason, retryable, fingerprint, jobExecutionId, Instant.now(), request);
    }

    /** Whether a restart has nothing left to do for this row. */
    public boolean finished() {
        return status != null && status.finished() && !(status == RowStatus.FAILED && retryable);
    }

    /** The furthest stage of work reached, whatever the row's final status. */
    private RowStatus stage() {
        return temporaryUrl != null ? RowStatus.GENERATED : assetPath != null ? RowStatus.UPLOADED : null;
    }

    /** Whether the paid feature call for this row has already returned a result. */
    public boolean paid() {
        return temporaryUrl != null;
    }
}
