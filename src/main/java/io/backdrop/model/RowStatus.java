package io.backdrop.model;

/**
 * Where a row stands. The first two are stages of work still to finish (a restart resumes
 * them); the others are final and are what results.csv reports.
 */
public enum RowStatus {
    /**
     * The source image is uploaded. Recorded only when the job ends before the row's paid call (no
     * credits, a bad key, the budget), so that the restart reuses the asset path; otherwise it is
     * recorded with the paid call's result or the row's failure.
     */
    UPLOADED(false),
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
