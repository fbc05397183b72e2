package io.backdrop.benchmark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Backdrop and the thread-pool runner, measured the same way in the same run, as one table: each
 * over its whole run and at its steady state. The notes hold the caller's targets and verdicts.
 *
 * @param concurrency calls kept in flight by both
 * @param backdrop    Backdrop's job
 * @param pool        the thread-pool runner
 */
record SideBySide(int concurrency, MeasuredRun backdrop, MeasuredRun pool) {

    /**
     * Prints the table.
     *
     * @param efficiencyNote what is said beside the efficiency row (the target and whether it was met)
     * @param cpuNote        what is said beside the CPU row that counts everything
     */
    void print(PrintWriter out, String efficiencyNote, String cpuNote) {
        out.println();
        out.println(f("%-30s %s %s", "", centred("Backdrop", PAIR_WIDTH), centred("thread pool", PAIR_WIDTH)).stripTrailing());
        row(out, "Throughput", "whole run", "steady state", "whole run", "steady state", "");
        stretchRow(out, "  rows", s -> f("%d", s.rows()), "calls answered in the stretch");
        stretchRow(out, "  wall time", s -> f("%.2f s", Throughput.seconds(s.wallTime())), "");
        stretchRow(out, "  rows/s", s -> f("%.1f", s.throughput(concurrency).rowsPerSecond()), "");
        stretchRow(out, "  mean feature-call latency", s -> f("%.1f ms", s.meanLatency().toNanos() / 1e6), "as the sandbox served it");
        stretchRow(out, "  Little's-law bound", s -> f("%.1f/s", s.throughput(concurrency).littleBound()),
                concurrency + " in flight / mean latency");
        stretchRow(out, "  efficiency", s -> f("%.3f", s.throughput(concurrency).efficiency()), efficiencyNote);
        out.println();
        row(out, "CPU per row (each JVM)", "whole run", "steady state", "whole run", "steady state", "");
        if (backdrop.whole().cpu().split() && pool.whole().cpu().split()) {
            cpuRow(out, "  application threads", JvmCpu::applicationNanos, "all threads but the two below, ended ones included");
            cpuRow(out, "  garbage collector", JvmCpu::gcNanos, "");
            cpuRow(out, "  JIT compiler", JvmCpu::jitNanos, "compiling what the run runs");
        } else {
            out.println("  (this system does not report CPU by thread: only the process's total)");
        }
        cpuRow(out, "  all: the process's user+sys", JvmCpu::totalNanos, cpuNote);
        out.println();
        row(out, "Peak RSS", rss(backdrop), "", rss(pool), "", "each JVM's");
    }

    /** CPU per row of everything the process used. */
    static double cpuMillisPerRow(Stretch stretch) {
        return stretch.cpuMillisPerRow(stretch.cpu().totalNanos());
    }

    static double efficiency(Stretch stretch, int concurrency) {
        return stretch.throughput(concurrency).efficiency();
    }

    private void stretchRow(PrintWriter out, String name, Function<Stretch, String> figure, String note) {
        row(out, name, figure.apply(backdrop.whole()), figure.apply(backdrop.steady()), figure.apply(pool.whole()),
                figure.apply(pool.steady()), note);
    }

    private void cpuRow(PrintWriter out, String name, ToLongFunction<JvmCpu> part, String note) {
        stretchRow(out, name, s -> f("%.2f ms", s.cpuMillisPerRow(part.applyAsLong(s.cpu()))), note);
    }

    private static String rss(MeasuredRun run) {
        return run.peakRssBytes() < 0 ? "unknown" : f("%.1f MiB", MemoryPeaks.mebibytes(run.peakRssBytes()));
    }

    /** The width of a run's two columns and the space between them, as {@link #row} prints them. */
    private static final int PAIR_WIDTH = 12 + 1 + 13;

    private static String centred(String text, int width) {
        int left = (width - text.length()) / 2;
        return " ".repeat(left) + text + " ".repeat(width - text.length() - left);
    }

    static void row(PrintWriter out, String name, String a, String b, String c, String d, String note) {
        out.println(f("%-30s %12s %13s %12s %13s   %s", name, a, b, c, d, note).stripTrailing());
    }

    static String verdict(boolean met, String target) {
        return target + (met ? "  MET" : "  MISSED");
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
