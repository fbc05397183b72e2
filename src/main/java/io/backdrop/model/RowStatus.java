package io.backdrop.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a row stands in the ledger, and the moves it may make: the ledger's state machine. The
 * first three are stages of work still to finish (a restart resumes them); the others are final
 * and are what results.csv reports.
 *
 * <pre>
 *   (none) ──upload──▶ UPLOADED ──about to pay──▶ CALLING ──answer──▶ GENERATED ──download, write──▶ SUCCEEDED
 *     │                   │                          │                    │
 *     │                   └──────────────────────────┴────────────────────┴──▶ FAILED (retryable or not)
 *     ├──same fingerprint succeeded before──▶ REUSED
 *     └──a rule broken──▶ REJECTED
 * </pre>
 *
 * The moves in full, as {@link #first()} and {@link #successors()} give them:
 * <ul>
 *   <li>(none) → UPLOADED, REUSED, REJECTED, FAILED (the upload or the source's read failed)</li>
 *   <li>UPLOADED → UPLOADED (uploaded again: the API no longer knew an earlier execution's asset),
 *   CALLING, GENERATED, REUSED, FAILED</li>
 *   <li>CALLING → GENERATED, FAILED</li>
 *   <li>GENERATED → SUCCEEDED, FAILED</li>
 *   <li>SUCCEEDED, REUSED, REJECTED, FAILED → none</li>
 * </ul>
 *
 * {@link RowRecord}'s transitions refuse any other move: one is a programming error. A restart
 * takes a row on from the furthest stage recorded ({@link RowRecord#resume}): an asset path is not uploaded again, a recorded result is not paid
 * for again. A row found in CALLING had its paid call made by an execution that died before the
 * answer was recorded: the call may have been charged, and no client can know. The restart calls
 * again (the user wants the image) and counts the lost call in {@link RowRecord#inDoubtCalls()}.
 * A retryable FAILED row is worked on again from its stage; the other final statuses are left alone.
 */
public enum RowStatus {
    /**
     * The source image is uploaded. Recorded only when the job ends before the row's paid call (no
     * credits, a bad key, the budget), so that the restart reuses the asset path; otherwise it is
     * recorded with CALLING, the paid call's result or the row's failure.
     */
    UPLOADED,
    /**
     * The paid feature call is about to be made: committed on its own before the request is sent,
     * and replaced by GENERATED or FAILED when the call ends. Found by a restart, it means the
     * answer was lost.
     */
    CALLING,
    /** The paid feature call returned a result; its download URL is recorded. */
    GENERATED,
    SUCCEEDED,
    /** An earlier SUCCEEDED result of the same source, prompt and settings was reused: no API call. */
    REUSED,
    REJECTED,
    FAILED;

    /** The rows that went well: their result is published, and can be reused by another row. */
    public static final Set<RowStatus> WENT_WELL = Collections.unmodifiableSet(EnumSet.of(SUCCEEDED, REUSED));
    /** The rows that did not, which {@code failures} lists and report.html always shows. */
    public static final Set<RowStatus> PROBLEMS = Collections.unmodifiableSet(EnumSet.of(FAILED, REJECTED));
    /** The stages of work a restart resumes: every status that is not {@link #finished()}. */
    public static final Set<RowStatus> UNFINISHED = Collections.unmodifiableSet(EnumSet.of(UPLOADED, CALLING, GENERATED));
    /** The outcomes every summary counts, in this order, even at zero; REUSED only when it happened. */
    public static final List<RowStatus> USUAL_OUTCOMES = List.of(SUCCEEDED, FAILED, REJECTED);
    /** What results.csv and the report show for a row in one of the {@link #UNFINISHED} stages. */
    public static final String PENDING = "PENDING";

    /** Whether the status is final: results.csv reports it, and only a retryable FAILED is worked on again. */
    public boolean finished() {
        return !UNFINISHED.contains(this);
    }

    /** The word results.csv and the report show: the final status, or {@link #PENDING} for a stage of work. */
    public String shown() {
        return finished() ? name() : PENDING;
    }

    /**
     * The statuses a row in this status may move to. UPLOADED moves straight to GENERATED as well:
     * the CALLING mark is a ledger write of its own, and the row in hand carries on from its upload.
     */
    public Set<RowStatus> successors() {
        return switch (this) {
            case UPLOADED -> Set.of(UPLOADED, CALLING, GENERATED, REUSED, FAILED);
            case CALLING -> Set.of(GENERATED, FAILED);
            case GENERATED -> Set.of(SUCCEEDED, FAILED);
            case SUCCEEDED, REUSED, REJECTED, FAILED -> Set.of();
        };
    }

    /** The statuses a row with nothing recorded yet may move to. */
    public static Set<RowStatus> first() {
        return Set.of(UPLOADED, REUSED, REJECTED, FAILED);
    }

    /** Whether a row may move from {@code from} (null: nothing recorded yet) to {@code to}. */
    public static boolean allows(RowStatus from, RowStatus to) {
        return (from == null ? first() : from.successors()).contains(to);
    }
}
