package io.backdrop.benchmark;

import static io.backdrop.benchmark.SideBySide.f;
import static io.backdrop.benchmark.SideBySide.verdict;

import java.io.PrintWriter;
import java.util.List;

/**
 * The local benchmark's figures: Backdrop beside the thread-pool runner, then memory by job size,
 * each target with whether it was met. Targets are Backdrop's, at its steady state.
 *
 * @param runs         Backdrop's job and the thread-pool runner, side by side
 * @param memoryBySize one child JVM per job size, smallest first; empty when skipped
 * @param maxHeap      the child JVMs' -Xmx
 */
record BenchmarkReport(SideBySide runs, List<MemoryProbeResult> memoryBySize, String maxHeap) {

    static final double EFFICIENCY_TARGET = 0.95;
    static final double CPU_MS_PER_ROW_TARGET = 4.0;
    static final double RSS_GROWTH_TARGET = 1.2;

    boolean targetsMet() {
        return efficiencyMet() && cpuMet() && (memoryBySize.size() < 2 || rssGrowthMet());
    }

    double steadyEfficiency() {
        return SideBySide.efficiency(runs.backdrop().steady(), runs.concurrency());
    }

    private boolean efficiencyMet() {
        return steadyEfficiency() >= EFFICIENCY_TARGET;
    }

    /** CPU per row at the steady state, everything the job's process used (the JIT compiler and the collector included). */
    double steadyCpuMillisPerRow() {
        return SideBySide.cpuMillisPerRow(runs.backdrop().steady());
    }

    private boolean cpuMet() {
        return steadyCpuMillisPerRow() <= CPU_MS_PER_ROW_TARGET;
    }

    /** Peak RSS of the largest job over that of the smallest; -1 where either is not known. */
    double rssGrowth() {
        MemoryProbeResult small = memoryBySize.get(0);
        MemoryProbeResult large = memoryBySize.get(memoryBySize.size() - 1);
        return small.rssBytes() > 0 && large.rssBytes() > 0 ? (double) large.rssBytes() / small.rssBytes() : -1;
    }

    /** An unknown peak (no Linux /proc) cannot show the target met. */
    private boolean rssGrowthMet() {
        double growth = rssGrowth();
        return growth >= 0 && growth <= RSS_GROWTH_TARGET;
    }

    /** Live heap (after a full GC) of the largest job over that of the smallest. */
    double liveHeapGrowth() {
        return (double) memoryBySize.get(memoryBySize.size() - 1).heapAfterGcBytes() / memoryBySize.get(0).heapAfterGcBytes();
    }

    void print(PrintWriter out) {
        runs.print(out,
                verdict(efficiencyMet(), f("target >= %.2f (Backdrop, steady state)", EFFICIENCY_TARGET)),
                verdict(cpuMet(), f("target <= %.0f ms (Backdrop, steady state)", CPU_MS_PER_ROW_TARGET)));
        if (memoryBySize.isEmpty()) {
            return;
        }
        out.println();
        out.println("Memory by job size (Backdrop, a fresh JVM per size, -Xmx" + maxHeap + "; live heap: after a full GC every 2 s)");
        out.println(f("  %8s %9s %18s %16s %14s", "rows", "rows/s", "live heap", "heap used", "peak RSS"));
        for (MemoryProbeResult size : memoryBySize) {
            out.println(f("  %8d %9.1f %14.1f MiB %12.1f MiB %10s", size.rows(), size.rowsPerSecond(),
                    MemoryPeaks.mebibytes(size.heapAfterGcBytes()), MemoryPeaks.mebibytes(size.heapUsedBytes()),
                    size.rssBytes() < 0 ? "unknown" : f("%.1f MiB", MemoryPeaks.mebibytes(size.rssBytes()))));
        }
        if (memoryBySize.size() >= 2) {
            MemoryProbeResult small = memoryBySize.get(0);
            MemoryProbeResult large = memoryBySize.get(memoryBySize.size() - 1);
            out.println(f("  ratio %d/%d: peak RSS %s %s; live heap %.2f; heap used %.2f", large.rows(), small.rows(),
                    rssGrowth() < 0 ? "unknown" : f("%.2f", rssGrowth()),
                    verdict(rssGrowthMet(), f("target <= %.1f", RSS_GROWTH_TARGET)), liveHeapGrowth(),
                    (double) large.heapUsedBytes() / small.heapUsedBytes()));
        }
    }
}
