package io.backdrop.progress;

import io.backdrop.model.RowStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress as a bar redrawn in place on the terminal (standard error), with the counts, rate and
 * calls in flight beside it. The library draws and sizes the bar; the rate and ETA are ours,
 * since rows a restart finds already finished would otherwise count as instant progress.
 */
final class TerminalProgressBar implements ProgressDisplay {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private final ProgressBar bar;
    private volatile Optional<Duration> eta = Optional.empty();

    /** @param total rows in the manifest; -1 shows a bar without an end */
    TerminalProgressBar(long total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("rows")
                .setInitialMax(total)
                .setUpdateIntervalMillis((int) INTERVAL.toMillis())
                .setEtaFunction(state -> eta)
                .build();
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public void show(ProgressSnapshot snapshot) {
        eta = snapshot.eta();
        bar.stepTo(snapshot.done());
        bar.setExtraMessage(extra(snapshot));
    }

    /**
     * Short, since the bar shares the terminal's width with it: succeeded rows always, other
     * statuses once they have rows, then calls in flight, rows in progress and the rate.
     */
    static String extra(ProgressSnapshot snapshot) {
        StringJoiner extra = new StringJoiner(", ");
        extra.add("ok " + snapshot.count(RowStatus.SUCCEEDED));
        for (RowStatus status : RowStatus.values()) {
            if (status.finished() && status != RowStatus.SUCCEEDED && snapshot.count(status) > 0) {
                extra.add(status.name().toLowerCase(Locale.ROOT) + " " + snapshot.count(status));
            }
        }
        extra.add("calls " + snapshot.callsInFlight() + ", rows " + snapshot.rowsInProgress());
        extra.add(ProgressLine.rate(snapshot.rowsPerSecond()));
        return extra.toString();
    }

    @Override
    public void finish(ProgressSnapshot snapshot) {
        show(snapshot);
        bar.refresh();
    }

    @Override
    public void close() {
        bar.close();
    }
}
