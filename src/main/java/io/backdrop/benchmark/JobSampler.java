package io.backdrop.benchmark;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches a job in a child JVM until it exits: every quarter second, the calls the sandbox has
 * answered and the child's CPU by thread kind; and the child's peak resident set.
 */
final class JobSampler {

    static final Duration INTERVAL = Duration.ofMillis(250);

    private final SandboxServer sandbox;

    JobSampler(SandboxServer sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * The job's timeline.
     *
     * @param timeline    the samples
     * @param peakRssBytes the child's peak resident set, or -1 where it is not known
     * @param exitCode    the child's exit code
     */
    record WatchedJob(JobTimeline timeline, long peakRssBytes, int exitCode) {
    }

    WatchedJob watch(Process child) throws InterruptedException {
        JvmCpuReader cpu = new JvmCpuReader(child.toHandle());
        JobTimeline timeline = new JobTimeline();
        long peakRss = -1;
        do {
            SandboxStats stats = sandbox.stats();
            cpu.read().ifPresent(used -> timeline.add(
                    new JobSample(System.currentTimeMillis(), stats.generatedAnswers(), stats.generatedAnswerTime(), used)));
            peakRss = Math.max(peakRss, ResidentSet.peakBytes(child.pid()));
        } while (!child.waitFor(INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        return new WatchedJob(timeline, peakRss, child.exitValue());
    }
}
