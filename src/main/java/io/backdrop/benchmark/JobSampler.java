package io.backdrop.benchmark;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxStats;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches a run in a child JVM (Backdrop's job or the thread-pool runner) until it exits: every
 * quarter second, the calls the sandbox has answered and the child's CPU; the sandbox's figures
 * just before the child starts and after it exits; and the child's peak resident set.
 */
final class JobSampler {

    static final Duration INTERVAL = Duration.ofMillis(250);

    private final SandboxServer sandbox;

    JobSampler(SandboxServer sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts a child process. */
    @FunctionalInterface
    interface ChildStart {
        Process start() throws IOException;
    }

    /**
     * The run's timeline.
     *
     * @param timeline     the samples
     * @param peakRssBytes the child's peak resident set, or -1 where it is not known
     * @param exitCode     the child's exit code
     * @param before       the sandbox's figures just before the child started
     * @param after        and once it had exited
     */
    record WatchedJob(JobTimeline timeline, long peakRssBytes, int exitCode, SandboxStats before, SandboxStats after) {
    }

    WatchedJob watch(ChildStart start) throws IOException, InterruptedException {
        SandboxStats before = sandbox.stats();
        Process child = start.start();
        JvmCpuReader cpu = new JvmCpuReader(child.toHandle());
        JobTimeline timeline = new JobTimeline();
        long peakRss = -1;
        do {
            SandboxStats stats = sandbox.stats();
            cpu.read().ifPresent(used -> timeline.add(
                    new JobSample(System.currentTimeMillis(), stats.generatedAnswers(), stats.generatedAnswerTime(), used)));
            peakRss = Math.max(peakRss, ResidentSet.peakBytes(child.pid()));
        } while (!child.waitFor(INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        return new WatchedJob(timeline, peakRss, child.exitValue(), before, sandbox.stats());
    }
}
