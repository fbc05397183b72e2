package io.backdrop.benchmark;

import io.backdrop.sandbox.SandboxStats;
import java.time.Duration;

/**
 * One side of the side-by-side measurement (Backdrop's job, or the thread-pool runner doing the
 * same calls), each in a fresh JVM watched the same way.
 *
 * @param whole        from the run's start to its end (its JVM's start-up excluded)
 * @param steady       once warmed up and before its tail
 * @param peakRssBytes its JVM's peak resident set, or -1 where it is not known
 */
record MeasuredRun(Stretch whole, Stretch steady, long peakRssBytes) {

    /**
     * The stretches of a watched run.
     *
     * @param outcome    when the run began and ended, as the run itself recorded it
     * @param before     the sandbox's figures before the run's JVM started
     * @param after      and after it exited
     * @param timeline   the run's samples
     * @param warmupRows answered calls before the steady state begins
     * @param rows       the run's rows; the steady state ends {@code concurrency} rows before them
     */
    static MeasuredRun of(JobOutcome outcome, SandboxStats before, SandboxStats after, JobTimeline timeline,
                          long peakRssBytes, long warmupRows, long rows, int concurrency) {
        long calls = after.generatedAnswers() - before.generatedAnswers();
        Duration meanLatency = after.generatedAnswerTime().minus(before.generatedAnswerTime()).dividedBy(Math.max(1, calls));
        Stretch whole = new Stretch(outcome.succeeded(), outcome.wallTime(), meanLatency,
                timeline.cpuBetween(outcome.started().toEpochMilli(), outcome.ended().toEpochMilli()));
        Stretch steady = timeline.steadyState(before.generatedAnswers() + warmupRows, before.generatedAnswers() + rows - concurrency);
        return new MeasuredRun(whole, steady, peakRssBytes);
    }

    static MeasuredRun of(JobOutcome outcome, JobSampler.WatchedJob watched, long warmupRows, long rows, int concurrency) {
        return of(outcome, watched.before(), watched.after(), watched.timeline(), watched.peakRssBytes(), warmupRows, rows, concurrency);
    }
}
