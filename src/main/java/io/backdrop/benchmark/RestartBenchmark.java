package io.backdrop.benchmark;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code benchmark --restart}: what a restart costs when most of a job is done. A job of N rows is
 * stopped by {@code --max-images} after 90% of them, then {@code restart} runs in a fresh JVM as a
 * user starts it. Measured: from the command to the sandbox's first paid answer, and the whole
 * command, against the time the rows left need at the Little's-law bound.
 */
final class RestartBenchmark {

    /** The targets: the first paid call within 10 s of the command, the whole within 1.5x the bound's time. */
    static final Duration FIRST_CALL_TARGET = Duration.ofSeconds(10);
    static final double WHOLE_TARGET = 1.5;

    /**
     * @param firstAnswer from the command to the first paid answer (the first call, plus one call's latency)
     * @param whole       the whole restart command, its JVM's start-up included
     * @param atTheBound  what the rows left need at concurrency / mean latency
     */
    record Result(long rowsDone, long rowsLeft, Duration firstAnswer, Duration whole, Duration atTheBound,
                  Duration meanLatency) {

        /** The first call is the first answer less one call's time. */
        Duration firstCall() {
            return firstAnswer.minus(meanLatency);
        }

        double wholeOverBound() {
            return Throughput.seconds(whole) / Throughput.seconds(atTheBound);
        }

        boolean targetsMet() {
            return firstCall().compareTo(FIRST_CALL_TARGET) <= 0 && wholeOverBound() <= WHOLE_TARGET;
        }

        void print(PrintWriter out) {
            out.println(String.format("Restart: %,d rows done, %,d left", rowsDone, rowsLeft));
            out.println(String.format("  first paid call   %6.2f s after the command (first answer %.2f s)  target <= %d s  %s",
                    Throughput.seconds(firstCall()), Throughput.seconds(firstAnswer), FIRST_CALL_TARGET.toSeconds(),
                    firstCall().compareTo(FIRST_CALL_TARGET) <= 0 ? "met" : "MISSED"));
            out.println(String.format("  whole restart     %6.2f s, the rows left need %.2f s at the bound: %.2fx  target <= %.1fx  %s",
                    Throughput.seconds(whole), Throughput.seconds(atTheBound), wholeOverBound(), WHOLE_TARGET,
                    wholeOverBound() <= WHOLE_TARGET ? "met" : "MISSED"));
        }
    }

    private final SandboxServer sandbox;
    private final ChildJvm child;
    private final BenchmarkJob job;
    private final String apiKey;
    private final int concurrency;

    RestartBenchmark(SandboxServer sandbox, ChildJvm child, BenchmarkJob job, String apiKey, int concurrency) {
        this.sandbox = sandbox;
        this.child = child;
        this.job = job;
        this.apiKey = apiKey;
        this.concurrency = concurrency;
    }

    Result measure(Path folder, int rows) throws IOException, InterruptedException {
        long done = rows * 9L / 10;
        List<String> first = new ArrayList<>(job.prepare(folder, rows));
        first.addAll(List.of("--max-images", Long.toString(done)));
        Path firstLog = folder.resolveSibling(folder.getFileName() + "-first.log");
        int stopped = child.start(first, apiKey, firstLog).waitFor();
        if (stopped != 1) {
            throw new IllegalStateException("the job to restart should stop at its budget (exit 1), not exit with "
                    + stopped + ":\n" + Files.readString(firstLog));
        }
        SandboxStats before = sandbox.stats();
        long began = System.nanoTime();
        List<String> again = new ArrayList<>(job.restart(folder, 1));
        // A restart keeps the budget it stopped at unless told otherwise.
        again.addAll(List.of("--max-images", Integer.toString(rows)));
        Process restart = child.start(again, apiKey,
                folder.resolveSibling(folder.getFileName() + "-restart.log"));
        long firstAnswer = -1;
        // Polled often: the first answer is what is measured, to a few milliseconds.
        while (!restart.waitFor(10, TimeUnit.MILLISECONDS)) {
            if (firstAnswer < 0 && sandbox.stats().generatedAnswers() > before.generatedAnswers()) {
                firstAnswer = System.nanoTime() - began;
            }
        }
        long whole = System.nanoTime() - began;
        if (restart.exitValue() != 0) {
            throw new IllegalStateException("the restart exited with " + restart.exitValue() + ":\n"
                    + Files.readString(folder.resolveSibling(folder.getFileName() + "-restart.log")));
        }
        SandboxStats after = sandbox.stats();
        long calls = after.generatedAnswers() - before.generatedAnswers();
        if (calls != rows - done) {
            throw new IllegalStateException("the restart paid for " + calls + " rows; " + (rows - done) + " were left");
        }
        Duration meanLatency = after.generatedAnswerTime().minus(before.generatedAnswerTime()).dividedBy(Math.max(1, calls));
        Duration atTheBound = Duration.ofNanos((long) (calls / (concurrency / Throughput.seconds(meanLatency)) * 1e9));
        return new Result(done, calls, Duration.ofNanos(firstAnswer < 0 ? whole : firstAnswer), Duration.ofNanos(whole),
                atTheBound, meanLatency);
    }
}
