package io.backdrop.progress;

import io.backdrop.model.Elapsed;
import io.backdrop.model.RowStatus;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * The one-line account of a snapshot, for logs:
 * {@code rows 120/500 (24%): 110 succeeded, 4 failed, 6 rejected; 3.2 rows/s; 8 calls in flight, 16 rows in progress; ETA 0:01:58}.
 */
public final class ProgressLine {

    /** Always shown, even at zero, so that lines line up from one to the next. */

    private ProgressLine() {
    }

    public static String of(ProgressSnapshot snapshot) {
        StringBuilder line = new StringBuilder("rows ").append(snapshot.done());
        if (snapshot.totalKnown()) {
            line.append('/').append(snapshot.total()).append(" (").append(snapshot.percent().orElseThrow()).append("%)");
        }
        line.append(": ").append(counts(snapshot))
                .append("; ").append(rate(snapshot.rowsPerSecond()))
                .append("; ").append(snapshot.callsInFlight()).append(" calls in flight, ")
                .append(snapshot.rowsInProgress()).append(" rows in progress");
        if (snapshot.totalKnown()) {
            line.append("; ETA ").append(snapshot.eta().map(eta -> new Elapsed(eta).toString()).orElse("unknown"));
        }
        return line.toString();
    }

    /** The usual statuses, then any other final one that has rows (e.g. reused). */
    static String counts(ProgressSnapshot snapshot) {
        StringJoiner counts = new StringJoiner(", ");
        for (RowStatus status : RowStatus.USUAL_OUTCOMES) {
            counts.add(snapshot.count(status) + " " + name(status));
        }
        for (RowStatus status : RowStatus.values()) {
            if (status.finished() && !RowStatus.USUAL_OUTCOMES.contains(status) && snapshot.count(status) > 0) {
                counts.add(snapshot.count(status) + " " + name(status));
            }
        }
        return counts.toString();
    }

    /** Rows per second, or per minute below one a second: feature calls take minutes, and 0.0 rows/s says nothing. */
    static String rate(OptionalDouble rowsPerSecond) {
        double rate = rowsPerSecond.orElse(0);
        if (rate > 0 && rate < 1) {
            return String.format(Locale.ROOT, "%.1f rows/min", rate * 60);
        }
        return String.format(Locale.ROOT, "%.1f rows/s", rate);
    }

    private static String name(RowStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
