package io.backdrop.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The skip limit of an execution worked in one step of this process, counted in memory. */
public class LocalFailureBudget implements FailureBudget {

    private final int maxFailures;
    private final double maxRate;
    private final int window;
    private final Deque<Boolean> latest = new ArrayDeque<>();
    private int failuresInWindow;
    private int failures;

    public LocalFailureBudget(int maxFailures, double maxRate, int window) {
        this.maxFailures = maxFailures;
        this.maxRate = maxRate;
        this.window = window;
    }

    @Override
    public synchronized Optional<String> record(boolean failed) {
        latest.addLast(failed);
        if (failed) {
            failures++;
            failuresInWindow++;
        }
        if (latest.size() > window && latest.removeFirst()) {
            failuresInWindow--;
        }
        return FailureBudget.judge(failures, maxFailures, failuresInWindow, latest.size(), maxRate, window);
    }
}
