package io.backdrop.job;

import io.backdrop.model.RowStatus;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of a job instance that an earlier execution finished, each with its status: what a
 * restart passes over before it judges or reads anything of them. A bit a row for each status, so
 * a million finished rows take a few hundred kilobytes, not a record each.
 */
public final class FinishedRows {

    private final Map<RowStatus, BitSet> byStatus = new EnumMap<>(RowStatus.class);

    /** Records a row as finished with this status; a status that is not final is refused. */
    public void add(int row, RowStatus status) {
        if (!status.finished()) {
            throw new IllegalArgumentException("row " + row + " is " + status + ", not finished");
        }
        byStatus.computeIfAbsent(status, any -> new BitSet()).set(row);
    }

    /** The row's status if it is finished; empty for a row still to be worked. */
    public Optional<RowStatus> statusOf(int row) {
        for (Map.Entry<RowStatus, BitSet> entry : byStatus.entrySet()) {
            if (entry.getValue().get(row)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }
}
