package io.backdrop.model;

import java.time.Instant;

/**
 * A row of the ledger: what has been done for one manifest row of one job instance. Its
 * components are the ledger's columns, one to one, so that the ledger reads a row back with the
 * canonical constructor; everything else makes a record through {@link #rejected}, {@link #resume}
 * and the transitions, each a move of {@link RowStatus}'s state machine, which refuse a move the
 * machine does not allow.
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

    /** A row that broke a rule: nothing was sent for it. */
    public static RowRecord rejected(long jobInstanceId, long jobExecutionId, int row, long line, String id,
                                     String image, String error, RowRequest request) {
        return start(jobInstanceId, jobExecutionId, row, line, id, image, request)
                .move(RowStatus.REJECTED).error(error, false).build();
    }

    /**
     * A row about to be worked on by an execution, carrying over whatever an earlier one recorded,
     * with the request this execution sends. Not a move: its status is the furthest stage of work
     * the earlier record reached, whatever that record's final status was.
     */
    public static RowRecord resume(RowRecord earlier, long jobInstanceId, long jobExecutionId, int row, long line,
                                   String id, String image, RowRequest request) {
        RowRecord fresh = start(jobInstanceId, jobExecutionId, row, line, id, image, request);
        if (earlier == null) {
            return fresh;
        }
        int inDoubt = earlier.inDoubtOnResume();
        Change carried = new Change(fresh).result(earlier.aiRecordUuid, earlier.resultPath, earlier.temporaryUrl);
        carried.status = earlier.stage();
        carried.assetPath = earlier.assetPath;
        carried.output = earlier.output;
        carried.attempts = earlier.attempts;
        carried.fingerprint = earlier.fingerprint;
        carried.inDoubtCalls = inDoubt;
        return carried.build();
    }

    public RowRecord uploaded(String assetPath, int calls) {
        Change next = move(RowStatus.UPLOADED).calls(calls, 0);
        next.assetPath = assetPath;
        return next.result(null, null, null).build();
    }

    /** The row as recorded just before its paid call is sent; see {@link RowStatus#CALLING}. */
    public RowRecord calling() {
        return move(RowStatus.CALLING).result(null, null, null).build();
    }

    /** @param lostAnswers the call's attempts whose answer was lost before the one that returned */
    public RowRecord generated(String aiRecordUuid, String resultPath, String temporaryUrl, int calls, int lostAnswers) {
        return move(RowStatus.GENERATED).calls(calls, lostAnswers).result(aiRecordUuid, resultPath, temporaryUrl).build();
    }

    public RowRecord succeeded(String output, int calls) {
        Change next = move(RowStatus.SUCCEEDED).calls(calls, 0);
        next.output = output;
        return next.build();
    }

    /** A row whose result is an earlier row's, published under this row's name. */
    public RowRecord reused(RowRecord earlier, String output) {
        Change next = move(RowStatus.REUSED).result(earlier.aiRecordUuid, earlier.resultPath, null);
        next.assetPath = null;
        next.output = output;
        return next.build();
    }

    /**
     * A row that failed in this execution. A retryable failure (transient errors outlasted the
     * retries) is worked on again by a restart, from the stage it reached; a permanent one is final.
     *
     * @param lostAnswers the failed call's attempts whose answer was lost (paid feature calls only)
     */
    public RowRecord failed(String reason, boolean retryable, int calls, int lostAnswers) {
        Change next = move(RowStatus.FAILED).calls(calls, lostAnswers).error(reason, retryable);
        // Unlike the other moves, a failure keeps all the row reached, its output included.
        next.output = output;
        return next.build();
    }

    /** The same row, knowing what its result depends on. Not a move: the status stays. */
    public RowRecord withFingerprint(String fingerprint) {
        Change same = new Change(this);
        same.fingerprint = fingerprint;
        return same.build();
    }

    /** The same row, with more paid calls whose answer was lost (a call that then ended the job). Not a move. */
    public RowRecord withLostAnswers(int lostAnswers) {
        return new Change(this).calls(0, lostAnswers).build();
    }

    /**
     * The paid calls in doubt that a later execution carries over from this record: those it
     * counts, and one more when it was found CALLING (a paid call made by an execution that died
     * before its answer came).
     */
    public int inDoubtOnResume() {
        return inDoubtCalls + (status == RowStatus.CALLING ? 1 : 0);
    }

    /** Whether a restart has nothing left to do for this row. */
    public boolean finished() {
        return status != null && status.finished() && !(status == RowStatus.FAILED && retryable);
    }

    /** Whether the paid feature call for this row has already returned a result. */
    public boolean paid() {
        return temporaryUrl != null;
    }

    /** The furthest stage of work reached, whatever the row's final status. */
    private RowStatus stage() {
        return temporaryUrl != null ? RowStatus.GENERATED : assetPath != null ? RowStatus.UPLOADED : null;
    }

    /** A row with nothing recorded yet: no status, nothing done. */
    private static RowRecord start(long jobInstanceId, long jobExecutionId, int row, long line, String id,
                                   String image, RowRequest request) {
        return new RowRecord(jobInstanceId, row, line, id, image, null, null, null, null, null, null, 0,
                null, false, null, jobExecutionId, Instant.now(), request, 0);
    }

    /**
     * This row moved to {@code next}, with no error and no output yet: the one way a transition
     * begins, so that a move the state machine does not allow fails here, whoever asks for it.
     *
     * @throws IllegalStateException the move is not one of {@link RowStatus}'s: a programming error
     */
    private Change move(RowStatus next) {
        if (!RowStatus.allows(status, next)) {
            throw new IllegalStateException("row " + row + " of job instance " + jobInstanceId + " cannot move from "
                    + (status == null ? "(none)" : status) + " to " + next + "; allowed: "
                    + (status == null ? RowStatus.first() : status.successors()));
        }
        Change change = new Change(this);
        change.status = next;
        change.output = null;
        return change.error(null, false);
    }

    /** A record being changed: with {@link #start}, the one place besides the ledger's read that builds a record. */
    private static final class Change {
        private final RowRecord from;
        private RowStatus status;
        private String assetPath;
        private String aiRecordUuid;
        private String resultPath;
        private String temporaryUrl;
        private String output;
        private int attempts;
        private String error;
        private boolean retryable;
        private String fingerprint;
        private int inDoubtCalls;

        Change(RowRecord from) {
            this.from = from;
            this.status = from.status;
            this.assetPath = from.assetPath;
            this.aiRecordUuid = from.aiRecordUuid;
            this.resultPath = from.resultPath;
            this.temporaryUrl = from.temporaryUrl;
            this.output = from.output;
            this.attempts = from.attempts;
            this.error = from.error;
            this.retryable = from.retryable;
            this.fingerprint = from.fingerprint;
            this.inDoubtCalls = from.inDoubtCalls;
        }

        /** More API requests made, of which {@code lostAnswers} paid calls lost their answer. */
        Change calls(int calls, int lostAnswers) {
            attempts += calls;
            inDoubtCalls += lostAnswers;
            return this;
        }

        Change result(String aiRecordUuid, String resultPath, String temporaryUrl) {
            this.aiRecordUuid = aiRecordUuid;
            this.resultPath = resultPath;
            this.temporaryUrl = temporaryUrl;
            return this;
        }

        Change error(String error, boolean retryable) {
            this.error = error;
            this.retryable = retryable;
            return this;
        }

        /** The changed record, stamped now. */
        RowRecord build() {
            return new RowRecord(from.jobInstanceId, from.row, from.line, from.id, from.image, status, assetPath,
                    aiRecordUuid, resultPath, temporaryUrl, output, attempts, error, retryable, fingerprint,
                    from.jobExecutionId, Instant.now(), from.request, inDoubtCalls);
        }
    }
}
