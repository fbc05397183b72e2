package io.backdrop.progress;

import io.backdrop.model.RowStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a run stands at one moment.
 *
 * @param total        rows in the manifest, or -1 when it could not be counted
 * @param finished     rows with a final status so far, by status, counting those an earlier
 *                     execution of the job finished
 * @param finishedHere rows this execution brought to a final status: what the rate is made of,
 *                     since rows found finished on a restart cost no time
 * @param callsInFlight paid feature calls in flight (at most {@code --concurrency})
 * @param rowsInProgress rows handed to a worker and not finished: those calling, and those staged,
 *                     uploaded, downloaded or published around the calls
 * @param elapsed      time since the execution started
 */
public record ProgressSnapshot(long total, Map<RowStatus, Long> finished, long finishedHere, int callsInFlight,
                               int rowsInProgress, Duration elapsed) {

    public ProgressSnapshot {
        EnumMap<RowStatus, Long> copy = new EnumMap<>(RowStatus.class);
        copy.putAll(finished);
        finished = Collections.unmodifiableMap(copy);
    }

    public long count(RowStatus status) {
        return finished.getOrDefault(status, 0L);
    }

    /** Rows with a final status. */
    public long done() {
        return finished.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean totalKnown() {
        return total >= 0;
    }

    /** Whole percent of the total done, when the total is known. */
    public Optional<Integer> percent() {
        if (!totalKnown()) {
            return Optional.empty();
        }
        return Optional.of(total == 0 ? 100 : (int) Math.min(100, done() * 100 / total));
    }

    /** Rows this execution finished per second; empty before any time has passed. */
    public OptionalDouble rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? OptionalDouble.empty() : OptionalDouble.of(finishedHere / seconds);
    }

    /** The time left at the rate so far; empty when the total is unknown or nothing has finished yet. */
    public Optional<Duration> eta() {
        if (!totalKnown()) {
            return Optional.empty();
        }
        long remaining = Math.max(0, total - done());
        if (remaining == 0) {
            return Optional.of(Duration.ZERO);
        }
        OptionalDouble rate = rowsPerSecond();
        if (rate.isEmpty() || rate.getAsDouble() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(remaining / rate.getAsDouble() * 1000)));
    }
}
