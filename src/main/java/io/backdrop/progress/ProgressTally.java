package io.backdrop.progress;

import io.backdrop.model.RowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The counts of one execution, updated by many worker threads at once and read as snapshots. */
public final class ProgressTally {

    private final long total;
    private final InstantSource clock;
    private final Instant start;
    private final Map<RowStatus, LongAdder> finished = new EnumMap<>(RowStatus.class);
    private final LongAdder finishedHere = new LongAdder();
    /** Rows handed to a worker and not yet finished: rows that finish without one (rejected, carried over) never enter. */
    private final Set<Integer> inProgress = ConcurrentHashMap.newKeySet();
    /** Rows whose paid call holds one of the {@code --concurrency} slots. */
    private final Set<Integer> calling = ConcurrentHashMap.newKeySet();

    /** @param total rows in the manifest, or -1 when unknown */
    public ProgressTally(long total, InstantSource clock) {
        this.total = total;
        this.clock = clock;
        this.start = clock.instant();
        // Filled once here and only read afterwards, so the map itself needs no lock.
        for (RowStatus status : RowStatus.values()) {
            finished.put(status, new LongAdder());
        }
    }

    public void started(int row) {
        inProgress.add(row);
    }

    public void callStarted(int row) {
        calling.add(row);
    }

    public void callEnded(int row) {
        calling.remove(row);
    }

    /** @param carriedOver finished by an earlier execution: done, but not part of this one's rate */
    public void finished(int row, RowStatus status, boolean carriedOver) {
        inProgress.remove(row);
        finished.get(status).increment();
        if (!carriedOver) {
            finishedHere.increment();
        }
    }

    /** A started row left unfinished by a halt or stop: no longer in progress, not done either. */
    public void abandoned(int row) {
        inProgress.remove(row);
    }

    public ProgressSnapshot snapshot() {
        Map<RowStatus, Long> counts = new EnumMap<>(RowStatus.class);
        finished.forEach((status, count) -> {
            long value = count.sum();
            if (value > 0) {
                counts.put(status, value);
            }
        });
        return new ProgressSnapshot(total, counts, finishedHere.sum(), calling.size(), inProgress.size(),
                Duration.between(start, clock.instant()));
    }
}
