package io.backdrop.progress;

import java.time.Duration;
import java.util.Optional;
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
        bar.setExtraMessage(ProgressLine.counts(snapshot) + "; " + ProgressLine.rate(snapshot.rowsPerSecond())
                + "; " + snapshot.inFlight() + " in flight");
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
