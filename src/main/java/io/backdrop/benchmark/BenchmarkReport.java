package io.backdrop.benchmark;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The benchmark's figures as a table, each target with whether it was met.
 *
 * @param concurrency     calls kept in flight
 * @param wholeJob        the measured job from its start to its end (the JVM's and Spring's start-up excluded)
 * @param steady          the measured job once warmed up and before its tail
 * @param jobPeakRssBytes the measured job's JVM's peak resident set, or -1 where it is not known
 * @param memoryBySize    one child JVM per job size, smallest first; empty when skipped
 * @param maxHeap         the child JVMs' -Xmx
 */
record BenchmarkReport(int concurrency, Stretch wholeJob, Stretch steady, long jobPeakRssBytes,
                       List<MemoryProbeResult> memoryBySize, String maxHeap) {

    static final double EFFICIENCY_TARGET = 0.9;
    static final double MEMORY_GROWTH_TARGET = 1.25;
    static final double CPU_MS_PER_ROW_TARGET = 5.0;

    boolean targetsMet() {
        return efficiencyMet() && cpuMet() && (memoryBySize.size() < 2 || memoryGrowth() <= MEMORY_GROWTH_TARGET);
    }

    private boolean efficiencyMet() {
        return steady.throughput(concurrency).efficiency() >= EFFICIENCY_TARGET;
    }

    /** CPU per row at the steady state, all but the JIT compiler's. */
    double steadyCpuMillisPerRow() {
        return steady.cpuMillisPerRow(steady.cpu().allButJitNanos());
    }

    private boolean cpuMet() {
        return steadyCpuMillisPerRow() <= CPU_MS_PER_ROW_TARGET;
    }

    /** Live heap (after GC) of the largest job over that of the smallest. */
    double memoryGrowth() {
        return (double) memoryBySize.get(memoryBySize.size() - 1).heapAfterGcBytes() / memoryBySize.get(0).heapAfterGcBytes();
    }

    void print(PrintWriter out) {
        Throughput whole = wholeJob.throughput(concurrency);
        Throughput fast = steady.throughput(concurrency);
        out.println();
        row(out, "Throughput", "whole job", "steady state", "");
        row(out, "  rows", f("%d", wholeJob.rows()), f("%d", steady.rows()), "calls answered in the stretch");
        row(out, "  wall time", f("%.2f s", seconds(wholeJob.wallTime())), f("%.2f s", seconds(steady.wallTime())), "");
        row(out, "  rows/s", f("%.1f", whole.rowsPerSecond()), f("%.1f", fast.rowsPerSecond()), "");
        row(out, "  mean feature-call latency", f("%.1f ms", millis(wholeJob.meanLatency())), f("%.1f ms", millis(steady.meanLatency())),
                "as the sandbox served it");
        row(out, "  Little's-law bound", f("%.1f rows/s", whole.littleBound()), f("%.1f rows/s", fast.littleBound()),
                concurrency + " in flight / mean latency");
        row(out, "  efficiency", f("%.3f", whole.efficiency()), f("%.3f", fast.efficiency()),
                verdict(efficiencyMet(), f("target >= %.2f at the steady state", EFFICIENCY_TARGET)));
        out.println();
        row(out, "CPU per row (the job's JVM)", "whole job", "steady state", "");
        if (wholeJob.cpu().split()) {
            cpuRow(out, "  Backdrop's threads", JvmCpu::applicationNanos, "workers, HTTP client, database, reader");
            cpuRow(out, "  garbage collector", JvmCpu::gcNanos, "");
        } else {
            out.println("  (this system does not report CPU by thread: everything counts as Backdrop's)");
        }
        cpuRow(out, "  all but the JIT compiler", JvmCpu::allButJitNanos,
                verdict(cpuMet(), f("target <= %.0f ms at the steady state", CPU_MS_PER_ROW_TARGET)));
        if (wholeJob.cpu().split()) {
            cpuRow(out, "  JIT compiler", JvmCpu::jitNanos, "warm-up: compiling what the job runs");
        }
        cpuRow(out, "  all", JvmCpu::totalNanos, "");
        out.println();
        out.println("Memory of the job's JVM (-Xmx" + maxHeap + ")");
        row(out, "  peak RSS", jobPeakRssBytes < 0 ? "unknown" : f("%.1f MiB", MemoryPeaks.mebibytes(jobPeakRssBytes)), "", "");
        if (memoryBySize.isEmpty()) {
            return;
        }
        out.println();
        out.println("Memory by job size (a fresh JVM per size, -Xmx" + maxHeap + "; live heap: after a full GC every 2 s)");
        out.println(f("  %8s %9s %18s %16s %14s", "rows", "rows/s", "live heap", "heap used", "peak RSS"));
        for (MemoryProbeResult size : memoryBySize) {
            out.println(f("  %8d %9.1f %14.1f MiB %12.1f MiB %10s", size.rows(), size.rowsPerSecond(),
                    MemoryPeaks.mebibytes(size.heapAfterGcBytes()), MemoryPeaks.mebibytes(size.heapUsedBytes()),
                    size.rssBytes() < 0 ? "unknown" : f("%.1f MiB", MemoryPeaks.mebibytes(size.rssBytes()))));
        }
        if (memoryBySize.size() >= 2) {
            MemoryProbeResult small = memoryBySize.get(0);
            MemoryProbeResult large = memoryBySize.get(memoryBySize.size() - 1);
            out.println(f("  ratio %d/%d: live heap %.2f %s; heap used %.2f; peak RSS %s", large.rows(), small.rows(),
                    memoryGrowth(), verdict(memoryGrowth() <= MEMORY_GROWTH_TARGET, f("target <= %.2f", MEMORY_GROWTH_TARGET)),
                    (double) large.heapUsedBytes() / small.heapUsedBytes(),
                    small.rssBytes() > 0 && large.rssBytes() > 0 ? f("%.2f", (double) large.rssBytes() / small.rssBytes()) : "unknown"));
        }
    }

    private void cpuRow(PrintWriter out, String name, ToLongFunction<JvmCpu> part, String note) {
        row(out, name, f("%.2f ms", wholeJob.cpuMillisPerRow(part.applyAsLong(wholeJob.cpu()))),
                f("%.2f ms", steady.cpuMillisPerRow(part.applyAsLong(steady.cpu()))), note);
    }

    private static void row(PrintWriter out, String name, String whole, String steady, String note) {
        out.println(f("%-30s %14s %14s   %s", name, whole, steady, note).stripTrailing());
    }

    private static String verdict(boolean met, String target) {
        return target + (met ? "  MET" : "  MISSED");
    }

    private static double seconds(Duration duration) {
        return Throughput.seconds(duration);
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
