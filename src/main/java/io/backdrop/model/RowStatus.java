package io.backdrop.model;

/**
 * Where a row stands in the ledger. The first three are stages of work still to finish (a restart
 * resumes them); the others are final and are what results.csv reports.
 *
 * <pre>
 *   (none) ──upload──▶ UPLOADED ──about to pay──▶ CALLING ──answer──▶ GENERATED ──download, write──▶ SUCCEEDED
 *     │                   │                          │                    │
 *     │                   └──────────────────────────┴────────────────────┴──▶ FAILED (retryable or not)
 *     ├──same fingerprint succeeded before──▶ REUSED
 *     └──a rule broken──▶ REJECTED
 * </pre>
 *
 * A restart takes a row on from the furthest stage recorded: an asset path is not uploaded again,
 * a recorded result is not paid for again. A row found in CALLING had its paid call made by an
 * execution that died before the answer was recorded: the call may have been charged, and no
 * client can know. The restart calls again (the user wants the image) and counts the lost call in
 * {@link RowRecord#inDoubtCalls()}. A retryable FAILED row is worked on again from its stage;
 * the other final statuses are left alone.
 */
public enum RowStatus {
    /**
     * The source image is uploaded. Recorded only when the job ends before the row's paid call (no
     * credits, a bad key, the budget), so that the restart reuses the asset path; otherwise it is
     * recorded with CALLING, the paid call's result or the row's failure.
     */
    UPLOADED(false),
    /**
     * The paid feature call is about to be made: committed on its own before the request is sent,
     * and replaced by GENERATED or FAILED when the call ends. Found by a restart, it means the
     * answer was lost.
     */
    CALLING(false),
    /** The paid feature call returned a result; its download URL is recorded. */
    GENERATED(false),
    SUCCEEDED(true),
    /** An earlier SUCCEEDED result of the same source, prompt and settings was reused: no API call. */
    REUSED(true),
    REJECTED(true),
    FAILED(true);

    private final boolean finished;

    RowStatus(boolean finished) {
        this.finished = finished;
    }

    public boolean finished() {
        return finished;
    }
}
