package io.backdrop.benchmark;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's figures as a table, each target with whether it was met.
 *
 * @param throughput      the measured run
 * @param cpu             CPU spent during the measured job
 * @param memory          the in-process peaks during the measured job (the sandbox included)
 * @param memoryBySize    one child JVM per job size, smallest first; empty when skipped
 * @param maxHeap         the child JVMs' -Xmx
 */
record BenchmarkReport(Throughput throughput, CpuUse cpu, MemoryPeaks memory, List<MemoryProbeResult> memoryBySize,
                       String maxHeap) {

    static final double EFFICIENCY_TARGET = 0.9;
    static final double MEMORY_GROWTH_TARGET = 1.25;
    static final double CPU_MS_PER_ROW_TARGET = 5.0;

    boolean targetsMet() {
        return throughput.efficiency() >= EFFICIENCY_TARGET && steadyCpuMillisPerRow() <= CPU_MS_PER_ROW_TARGET
                && (memoryBySize.size() < 2 || memoryGrowth() <= MEMORY_GROWTH_TARGET);
    }

    double clientCpuMillisPerRow() {
        return CpuUse.millisPerRow(cpu.clientNanos(), throughput.rows());
    }

    double steadyCpuMillisPerRow() {
        return CpuUse.millisPerRow(cpu.steadyClientNanos(), throughput.rows());
    }

    /** Live heap (after GC) of the largest job over that of the smallest. */
    double memoryGrowth() {
        return (double) memoryBySize.get(memoryBySize.size() - 1).heapAfterGcBytes() / memoryBySize.get(0).heapAfterGcBytes();
    }

    void print(PrintWriter out) {
        long rows = throughput.rows();
        out.println();
        out.println("Throughput");
        row(out, "job wall time", f("%.2f s", Throughput.seconds(throughput.wallTime())), "");
        row(out, "rows/s", f("%.1f", throughput.rowsPerSecond()), "");
        row(out, "mean feature-call latency", f("%.1f ms", millis(throughput.meanLatency())), "as the sandbox served it");
        row(out, "Little's-law bound", f("%.1f rows/s", throughput.littleBound()),
                f("%d in flight / %.4f s", throughput.concurrency(), Throughput.seconds(throughput.meanLatency())));
        row(out, "efficiency", f("%.3f", throughput.efficiency()),
                verdict(throughput.efficiency() >= EFFICIENCY_TARGET, f("target >= %.2f", EFFICIENCY_TARGET)));
        out.println();
        out.println("CPU during the job (process CPU time; per row)");
        row(out, "whole process", f("%.2f ms", CpuUse.millisPerRow(cpu.processNanos(), rows)), "");
        row(out, "sandbox threads", f("%.2f ms", CpuUse.millisPerRow(cpu.sandboxNanos(), rows)),
                "serving the API; results rendered once and cached");
        row(out, "outside the sandbox", f("%.2f ms", clientCpuMillisPerRow()), "Backdrop, GC and JIT compiler");
        row(out, "  JIT compiler", f("%.2f ms", CpuUse.millisPerRow(cpu.jitNanos(), rows)), "warm-up; amortized by long jobs");
        row(out, "  GC and other JVM threads", f("%.2f ms", CpuUse.millisPerRow(Math.max(0, cpu.jvmNanos() - cpu.jitNanos()), rows)), "");
        row(out, "outside the sandbox, less JIT", f("%.2f ms", steadyCpuMillisPerRow()), verdict(
                steadyCpuMillisPerRow() <= CPU_MS_PER_ROW_TARGET, f("target <= %.0f ms", CPU_MS_PER_ROW_TARGET)));
        out.println();
        out.println("Memory during the job (this JVM, sandbox included)");
        row(out, "peak heap after GC", f("%.1f MiB", MemoryPeaks.mebibytes(memory.heapAfterGcBytes())), "live data");
        row(out, "peak heap used", f("%.1f MiB", MemoryPeaks.mebibytes(memory.heapUsedBytes())), "garbage included");
        if (memoryBySize.isEmpty()) {
            return;
        }
        out.println();
        out.println("Memory by job size (a fresh JVM per size, -Xmx" + maxHeap + ", the sandbox in this JVM;"
                + " live heap: after a full GC every 2 s)");
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

    private static void row(PrintWriter out, String name, String value, String note) {
        out.println(f("  %-28s %16s   %s", name, value, note).stripTrailing());
    }

    private static String verdict(boolean met, String target) {
        return target + (met ? "  MET" : "  MISSED");
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
