package io.backdrop.job;

import io.backdrop.model.RowStatus;

/**
 * Told about each row as the rows step works on it: what progress displays and metrics listen
 * to. Implementations are Spring beans, called from many worker threads at once, and must be quick.
 */
public interface RowObserver {

    /** A valid row was handed to a worker: it is in progress until {@link #rowFinished} or {@link #rowAbandoned}. */
    default void rowStarted(int row) {
    }

    /** The row's paid feature call took one of the {@code --concurrency} slots: it is in flight, retries included. */
    default void callStarted(int row) {
    }

    /** The row's paid feature call was answered, or failed for good, and its slot is free again. */
    default void callEnded(int row) {
    }

    /**
     * A row reached its final status in this execution, or was found finished by an earlier one
     * ({@code carriedOver}). Rows a worker started end here too, unless the job was halted under them.
     */
    default void rowFinished(int row, RowStatus status, boolean carriedOver) {
    }

    /** A row a worker started was left unfinished because the job was halted or stopped. */
    default void rowAbandoned(int row) {
    }
}
