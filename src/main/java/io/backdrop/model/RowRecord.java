package io.backdrop.model;

import io.backdrop.model.RowRequest;
import java.time.Instant;

/**
 * A row of the ledger: what has been done for one manifest row of one job instance.
 *
 * @param attempts     API requests made for the row so far, retries included, over all executions
 * @param request      what the row asked for, kept for the report; null for rows recorded before it was kept
 * @param inDoubtCalls paid feature calls made for the row whose answer was lost (a crash while
 *                     CALLING, a timeout or reset after the request was sent, an unreadable
 *                     answer): each may have been charged without giving a result
 */
public record RowRecord(long jobInstanceId, int row, long line, String id, String image, RowStatus status,
                        String assetPath, String aiRecordUuid, String resultPath, String temporaryUrl,
                        String output, int attempts, String error, boolean retryable, String fingerprint,
                        long jobExecutionId, Instant updatedAt, RowRequest request, int inDoubtCalls) {

    public static RowRecord rejected(long jobInstanceId, long jobExecutionId, int row, long line, String id,
                                     String image, String error, RowRequest request) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.REJECTED, null, null, null, null, null,
                0, error, false, null, jobExecutionId, Instant.now(), request, 0);
    }

    /**
     * A row about to be worked on by an execution, carrying over whatever an earlier one recorded,
     * with the request this execution sends.
     */
    public static RowRecord resume(RowRecord earlier, long jobInstanceId, long jobExecutionId, int row, long line,
                                   String id, String image, RowRequest request) {
        if (earlier == null) {
            return new RowRecord(jobInstanceId, row, line, id, image, null, null, null, null, null, null, 0, null,
                    false, null, jobExecutionId, Instant.now(), request, 0);
        }
        // Found CALLING, the row's paid call was made by an execution that died before its answer came.
        int inDoubt = earlier.inDoubtCalls + (earlier.status == RowStatus.CALLING ? 1 : 0);
        return new RowRecord(jobInstanceId, row, line, id, image, earlier.stage(), earlier.assetPath,
                earlier.aiRecordUuid, earlier.resultPath, earlier.temporaryUrl, earlier.output, earlier.attempts,
                null, false, earlier.fingerprint, jobExecutionId, Instant.now(), request, inDoubt);
    }

    public RowRecord uploaded(String assetPath, int calls) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.UPLOADED, assetPath, null, null, null,
                null, attempts + calls, null, false, fingerprint, jobExecutionId, Instant.now(), request, inDoubtCalls);
    }

    /** The row as recorded just before its paid call is sent; see {@link RowStatus#CALLING}. */
    public RowRecord calling() {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.CALLING, assetPath, null, null, null,
                null, attempts, null, false, fingerprint, jobExecutionId, Instant.now(), request, inDoubtCalls);
    }

    /** @param lostAnswers the call's attempts whose answer was lost before the one that returned */
    public RowRecord generated(String aiRecordUuid, String resultPath, String temporaryUrl, int calls, int lostAnswers) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.GENERATED, assetPath, aiRecordUuid,
                resultPath, temporaryUrl, null, attempts + calls, null, false, fingerprint, jobExecutionId, Instant.now(), request,
                inDoubtCalls + lostAnswers);
    }

    public RowRecord succeeded(String output, int calls) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.SUCCEEDED, assetPath, aiRecordUuid,
                resultPath, temporaryUrl, output, attempts + calls, null, false, fingerprint, jobExecutionId, Instant.now(), request,
                inDoubtCalls);
    }

    /** The same row, knowing what its result depends on. */
    public RowRecord withFingerprint(String fingerprint) {
        return new RowRecord(jobInstanceId, row, line, id, image, status, assetPath, aiRecordUuid, resultPath,
                temporaryUrl, output, attempts, error, retryable, fingerprint, jobExecutionId, Instant.now(), request, inDoubtCalls);
    }

    /** The same row, with more paid calls whose answer was lost (a call that then ended the job). */
    public RowRecord withLostAnswers(int lostAnswers) {
        return new RowRecord(jobInstanceId, row, line, id, image, status, assetPath, aiRecordUuid, resultPath,
                temporaryUrl, output, attempts, error, retryable, fingerprint, jobExecutionId, Instant.now(), request,
                inDoubtCalls + lostAnswers);
    }

    /** A row whose result is an earlier row's, published under this row's name. */
    public RowRecord reused(RowRecord earlier, String output) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.REUSED, null, earlier.aiRecordUuid,
                earlier.resultPath, null, output, attempts, null, false, fingerprint, jobExecutionId, Instant.now(), request,
                inDoubtCalls);
    }

    /**
     * A row that failed in this execution. A retryable failure (transient errors outlasted the
     * retries) is worked on again by a restart, from the stage it reached; a permanent one is final.
     *
     * @param lostAnswers the failed call's attempts whose answer was lost (paid feature calls only)
     */
    public RowRecord failed(String reason, boolean retryable, int calls, int lostAnswers) {
        return new RowRecord(jobInstanceId, row, line, id, image, RowStatus.FAILED, assetPath, aiRecordUuid,
                resultPath, temporaryUrl, output, attempts + calls, reason, retryable, fingerprint, jobExecutionId,
                Instant.now(), request, inDoubtCalls + lostAnswers);
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
