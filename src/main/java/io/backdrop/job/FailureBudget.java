package io.backdrop.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The skip limit: how many failed rows a job may have before going on is pointless. It is a
 * count over the whole execution and a rate over the latest finished rows, so that a systemic
 * failure (every call rejected) stops a large job early instead of failing it row by row.
 * Rejected rows cost nothing and do not count.
 */
public class FailureBudget {

    private final int maxFailures;
    private final double maxRate;
    private final int window;
    private final Deque<Boolean> latest = new ArrayDeque<>();
    private int failuresInWindow;
    private int failures;

    public FailureBudget(int maxFailures, double maxRate, int window) {
        this.maxFailures = maxFailures;
        this.maxRate = maxRate;
        this.window = window;
    }

    /** Counts a finished row; answers why the job must stop, when it must. */
    public synchronized Optional<String> record(boolean failed) {
        latest.addLast(failed);
        if (failed) {
            failures++;
            failuresInWindow++;
        }
        if (latest.size() > window && latest.removeFirst()) {
            failuresInWindow--;
        }
        if (maxFailures >= 0 && failures > maxFailures) {
            return Optional.of("skip limit reached: " + failures + " rows failed, more than the "
                    + maxFailures + " allowed (--max-failures)");
        }
        if (failuresInWindow > maxRate * window) {
            return Optional.of("skip limit reached: " + failuresInWindow + " of the last " + latest.size()
                    + " finished rows failed, more than " + Math.round(maxRate * 100) + "% of " + window
                    + " (--max-failure-rate, --failure-window)");
        }
        return Optional.empty();
    }
}
