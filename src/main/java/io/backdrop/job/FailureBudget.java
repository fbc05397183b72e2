package io.backdrop.job;

import java.util.Optional;

/**
 * The skip limit: how many failed rows a job may have before going on is pointless. It is a
 * count over the whole execution and a rate over the latest finished rows, so that a systemic
 * failure (every call rejected) stops a large job early instead of failing it row by row.
 * Rejected rows cost nothing and do not count.
 */
public interface FailureBudget {

    /** Counts a finished row; answers why the job must stop, when it must. */
    Optional<String> record(boolean failed);

    /**
     * Why the job must stop, if it must: more than {@code maxFailures} failed rows (negative for no
     * count limit), or more than {@code maxRate} of the last {@code window} finished rows failed.
     */
    static Optional<String> judge(long failures, long maxFailures, long failuresInWindow, long finishedInWindow,
                                  double maxRate, int window) {
        if (maxFailures >= 0 && failures > maxFailures) {
            return Optional.of("skip limit reached: " + failures + " rows failed, more than the "
                    + maxFailures + " allowed (--max-failures)");
        }
        if (failuresInWindow > maxRate * window) {
            return Optional.of("skip limit reached: " + failuresInWindow + " of the last " + finishedInWindow
                    + " finished rows failed, more than " + Math.round(maxRate * 100) + "% of " + window
                    + " (--max-failure-rate, --failure-window)");
        }
        return Optional.empty();
    }
}
