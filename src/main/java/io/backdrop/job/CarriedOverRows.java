package io.backdrop.job;

import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rows a restart's reader passes over because an earlier execution of the job finished them:
 * read from the ledger once, as the step opens, then each such row is passed over as the manifest
 * reaches it, before it is judged, dispatched or counted in a chunk. Its id is still remembered, so
 * that a later row with the same id is rejected as it would have been; and whoever watches the rows
 * is told it is done. A restart with most rows done thus costs a read of the manifest and of the
 * ledger's row numbers, not a chunk, a commit and a ledger lookup for every row done.
 */
public class CarriedOverRows {

    private final Supplier<FinishedRows> ledger;
    private final RowAdmission admission;
    private final List<RowObserver> observers;
    private FinishedRows finished;

    /** @param ledger the rows of the step's range that are finished, read when the step opens */
    public CarriedOverRows(Supplier<FinishedRows> ledger, RowAdmission admission, List<RowObserver> observers) {
        this.ledger = ledger;
        this.admission = admission;
        this.observers = List.copyOf(observers);
    }

    /** Reads what the ledger shows finished; called as the step's reader opens. */
    public void open() {
        finished = ledger.get();
    }

    /** Whether the row was finished by an earlier execution; if so, it is passed over now. */
    public boolean passOver(ManifestRow row) {
        Optional<RowStatus> status = finished == null ? Optional.empty() : finished.statusOf(row.row());
        if (status.isEmpty()) {
            return false;
        }
        admission.passOver(row);
        observers.forEach(observer -> observer.rowFinished(row.row(), status.get(), true));
        return true;
    }
}
