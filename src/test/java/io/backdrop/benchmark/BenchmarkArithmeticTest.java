package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backdrop.sandbox.SandboxStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's arithmetic on made-up figures: no job runs and nothing is timed. */
class BenchmarkArithmeticTest {

    @Test
    void littlesLawBoundIsCallsInFlightOverMeanLatency() {
        Throughput run = new Throughput(500, Duration.ofSeconds(5), 32, Duration.ofMillis(250));

        assertThat(run.littleBound()).isCloseTo(128.0, within(1e-9));
        assertThat(run.rowsPerSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(run.efficiency()).isCloseTo(100.0 / 128.0, within(1e-9));
    }

    @Test
    void aRunThatKeepsEverySlotBusyIsFullyEfficient() {
        // 32 slots, 0.25 s each, 4 s: 16 rounds of 32 rows.
        Throughput run = new Throughput(512, Duration.ofSeconds(4), 32, Duration.ofMillis(250));

        assertThat(run.efficiency()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void refusesFiguresThatMakeNoSense() {
        assertThatThrownBy(() -> new Throughput(10, Duration.ZERO, 32, Duration.ofMillis(250)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Throughput(10, Duration.ofSeconds(1), 0, Duration.ofMillis(250)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Throughput(10, Duration.ofSeconds(1), 32, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSteadyStateSpansTheSamplesBetweenTheAnswerCounts() {
        JobTimeline timeline = timeline();

        // From the first sample with 100 answers (t=2000) to the last with at most 700 (t=4000, 600).
        Stretch steady = timeline.steadyState(100, 700);

        assertThat(steady.rows()).isEqualTo(500);
        assertThat(steady.wallTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(steady.meanLatency()).isEqualTo(Duration.ofMillis(250));
        assertThat(steady.cpu()).isEqualTo(new JvmCpu(800_000_000L, 200_000_000L, 400_000_000L, true));
        assertThat(steady.cpuMillisPerRow(steady.cpu().allButJitNanos())).isCloseTo(2.0, within(1e-9));
        assertThat(SideBySide.cpuMillisPerRow(steady)).isCloseTo(2.8, within(1e-9));
        assertThat(steady.throughput(32).rowsPerSecond()).isCloseTo(250.0, within(1e-9));
    }

    @Test
    void aJobWithNoSamplesBetweenTheCountsHasNoSteadyState() {
        assertThatThrownBy(() -> timeline().steadyState(650, 700)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> timeline().steadyState(900, 1_000)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cpuBetweenTwoMomentsTakesTheSamplesAroundThem() {
        // The last sample at or before 2500 (t=2000) to the first at or after 3500 (t=4000).
        assertThat(timeline().cpuBetween(2_500, 3_500)).isEqualTo(new JvmCpu(800_000_000L, 200_000_000L, 400_000_000L, true));
        // Moments outside the samples take the nearest end.
        assertThat(timeline().cpuBetween(0, 9_000)).isEqualTo(new JvmCpu(2_000_000_000L, 500_000_000L, 1_000_000_000L, true));
    }

    @Test
    void samplesMustComeInTimeOrder() {
        JobTimeline timeline = timeline();
        assertThatThrownBy(() -> timeline.add(new JobSample(4_000, 900, Duration.ZERO, cpu(0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportJudgesEachTargetOnBackdropsSteadyState() {
        Stretch whole = new Stretch(10_000, Duration.ofSeconds(90), Duration.ofMillis(250), cpu(5));
        // 125 rows/s against 32 / 0.25 s = 128: efficiency 0.977.
        Stretch fast = new Stretch(6_000, Duration.ofSeconds(48), Duration.ofMillis(250), cpu(2.5));
        // 120 rows/s: efficiency 0.9375, below 0.95.
        Stretch slow = new Stretch(6_000, Duration.ofSeconds(50), Duration.ofMillis(250), cpu(2.5));
        // 4.2 ms a row, everything counted; 3.0 ms of it all but the JIT, which is not what is judged.
        Stretch costly = new Stretch(6_000, Duration.ofSeconds(48), Duration.ofMillis(250), cpu(3));
        MeasuredRun pool = new MeasuredRun(whole, slow, -1);
        List<MemoryProbeResult> flat = List.of(new MemoryProbeResult(10_000, 100, 40L << 20, 100L << 20, 300L << 20),
                new MemoryProbeResult(100_000, 110, 44L << 20, 120L << 20, 345L << 20));
        List<MemoryProbeResult> growing = List.of(flat.get(0), new MemoryProbeResult(100_000, 110, 41L << 20, 120L << 20, 370L << 20));
        List<MemoryProbeResult> unknown = List.of(flat.get(0), new MemoryProbeResult(100_000, 110, 41L << 20, 120L << 20, -1));

        BenchmarkReport met = report(fast, pool, flat);
        assertThat(met.steadyCpuMillisPerRow()).isCloseTo(3.5, within(1e-9));
        assertThat(met.steadyEfficiency()).isCloseTo(125.0 / 128.0, within(1e-9));
        assertThat(met.rssGrowth()).isCloseTo(1.15, within(1e-9));
        assertThat(met.liveHeapGrowth()).isCloseTo(1.1, within(1e-9));
        assertThat(met.targetsMet()).isTrue();

        assertThat(report(slow, pool, flat).targetsMet()).isFalse();
        assertThat(report(costly, pool, flat).steadyCpuMillisPerRow()).isCloseTo(4.2, within(1e-9));
        assertThat(report(costly, pool, flat).targetsMet()).isFalse();
        assertThat(report(fast, pool, growing).targetsMet()).isFalse();
        assertThat(report(fast, pool, unknown).rssGrowth()).isEqualTo(-1);
        assertThat(report(fast, pool, unknown).targetsMet()).isFalse();
        assertThat(report(fast, pool, List.of()).targetsMet()).isTrue();
    }

    @Test
    void reportPrintsBothRunsSideBySideAndSaysWhichTargetWasMissed() {
        Stretch whole = new Stretch(10_000, Duration.ofSeconds(90), Duration.ofMillis(250), cpu(5));
        Stretch costly = new Stretch(6_000, Duration.ofSeconds(50), Duration.ofMillis(250), cpu(3));
        Stretch poolWhole = new Stretch(10_000, Duration.ofSeconds(80), Duration.ofMillis(250), cpu(1));
        Stretch poolSteady = new Stretch(6_000, Duration.ofSeconds(48), Duration.ofMillis(250), cpu(0.5));
        StringWriter text = new StringWriter();

        new BenchmarkReport(new SideBySide(32, new MeasuredRun(whole, costly, -1), new MeasuredRun(poolWhole, poolSteady, 300L << 20)),
                List.of(), "512m").print(new PrintWriter(text, true));

        // Backdrop: 10,000 rows in 90 s against 128 rows/s, 6,000 in 50 s; the pool: 10,000 in 80 s, 6,000 in 48 s.
        // CPU, everything counted: 7/5 of all-but-JIT a row of 6,000, over 10,000 rows for the whole runs.
        assertThat(text.toString())
                .containsPattern("rows/s +111\\.1 +120\\.0 +125\\.0 +125\\.0")
                .containsPattern("efficiency +0\\.868 +0\\.938 +0\\.977 +0\\.977 +target >= 0\\.95 \\(Backdrop, steady state\\)  MISSED")
                .containsPattern("all: the process's user\\+sys +4\\.20 ms +4\\.20 ms +0\\.84 ms +0\\.70 ms"
                        + " +target <= 4 ms \\(Backdrop, steady state\\)  MISSED")
                .containsPattern("JIT compiler +1\\.20 ms +1\\.20 ms +0\\.24 ms +0\\.20 ms")
                .containsPattern("Peak RSS +unknown +300\\.0 MiB");
    }

    @Test
    void aMeasuredRunTakesItsWholeRunFromItsOwnClockAndItsSteadyStateFromTheSandboxsCount() {
        // 1,000 answers before this run (another run's); the run's answers took 250 ms each.
        SandboxStats before = stats(1_000, Duration.ofSeconds(100));
        SandboxStats after = stats(1_900, Duration.ofSeconds(100).plus(Duration.ofMillis(250 * 900)));
        JobTimeline timeline = new JobTimeline();
        long[] answers = {1_000, 1_100, 1_350, 1_600, 1_850, 1_900};
        for (int second = 1; second <= answers.length; second++) {
            timeline.add(new JobSample(second * 1_000L, answers[second - 1], Duration.ofMillis(250 * answers[second - 1]),
                    new JvmCpu(second * 400_000_000L, second * 100_000_000L, second * 200_000_000L, true)));
        }
        JobOutcome outcome = new JobOutcome(900, Instant.ofEpochMilli(1_500), Instant.ofEpochMilli(5_500));

        MeasuredRun run = MeasuredRun.of(outcome, before, after, timeline, 400L << 20, 100, 900, 32);

        assertThat(run.whole().rows()).isEqualTo(900);
        assertThat(run.whole().wallTime()).isEqualTo(Duration.ofSeconds(4));
        assertThat(run.whole().meanLatency()).isEqualTo(Duration.ofMillis(250));
        // From the sample at or before 1,500 (t=1000) to the one at or after 5,500 (t=6000): five seconds of CPU.
        assertThat(run.whole().cpu().totalNanos()).isEqualTo(5 * 700_000_000L);
        // The run's 100th answer is the sandbox's 1,100th (t=2000); its last with every slot busy, the 1,868th: the
        // last sample at or below it is t=5000 (1,850).
        assertThat(run.steady().rows()).isEqualTo(750);
        assertThat(run.steady().wallTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(run.peakRssBytes()).isEqualTo(400L << 20);
    }

    @Test
    void theProcesssTotalIsEverythingAndTheApplicationIsWhatTheCollectorAndCompilerLeave() {
        JvmCpu cpu = JvmCpu.ofProcess(1_000, 100, 300);

        assertThat(cpu).isEqualTo(new JvmCpu(600, 100, 300, true));
        assertThat(cpu.totalNanos()).isEqualTo(1_000);
        assertThat(cpu.allButJitNanos()).isEqualTo(700);
        // Threads read a moment after the total never make the application's share negative.
        assertThat(JvmCpu.ofProcess(350, 100, 300).applicationNanos()).isZero();
    }

    @Test
    void theThreadPoolReadsTheBenchmarksManifestByIdAndImage() {
        String manifest = BenchmarkManifest.HEADER + "\nrow-000001,product.png,,,,\nrow-000002,images/row-000002.png,,,,\n";

        assertThat(BenchmarkManifest.rows(manifest)).containsExactly(new BenchmarkManifest.Row("row-000001", "product.png"),
                new BenchmarkManifest.Row("row-000002", "images/row-000002.png"));
        assertThatThrownBy(() -> BenchmarkManifest.rows("image,id\nproduct.png,row-1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a benchmark manifest");
    }

    @Test
    void theThreadPoolsS3AddressesAreOneBucketAndTwoPrefixes() {
        RunnerFiles files = RunnerFiles.bucket(null, "s3://backdrop-benchmark/nightly/", "s3://backdrop-benchmark/pool-out/");

        assertThat(files).isEqualTo(new RunnerFiles.Bucket(null, "backdrop-benchmark", "nightly/", "pool-out/"));
        assertThatThrownBy(() -> RunnerFiles.bucket(null, "s3://one/in/", "s3://other/out/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theThreadPoolsFoldersReadRelativeToTheManifestAndWriteByName(@TempDir Path work) throws IOException {
        Path input = Files.createDirectories(work.resolve("input"));
        Path output = Files.createDirectories(work.resolve("output"));
        Files.write(input.resolve("product.png"), new byte[] {1, 2, 3});
        RunnerFiles files = new RunnerFiles.Folders(input, output);

        assertThat(files.read("product.png")).containsExactly(1, 2, 3);
        files.write("row-000001.png", new byte[] {4, 5});
        assertThat(output.resolve("row-000001.png")).hasBinaryContent(new byte[] {4, 5});
    }

    private static BenchmarkReport report(Stretch steady, MeasuredRun pool, List<MemoryProbeResult> bySize) {
        Stretch whole = new Stretch(10_000, Duration.ofSeconds(90), Duration.ofMillis(250), cpu(5));
        return new BenchmarkReport(new SideBySide(32, new MeasuredRun(whole, steady, -1), pool), bySize, "512m");
    }

    private static SandboxStats stats(long answers, Duration answerTime) {
        return new SandboxStats(answers, answers, answers, answers, Map.of(), 0, answers, answerTime);
    }

    /** Split 4:1:2 between Backdrop's threads, the collector and the compiler; all but the JIT = millisPerRow per row of 6,000. */
    private static JvmCpu cpu(double millisPerRow) {
        long allButJit = Math.round(millisPerRow * 6_000 * 1e6);
        return new JvmCpu(allButJit * 4 / 5, allButJit / 5, allButJit * 2 / 5, true);
    }

    /** A sample a second, 250 answers a second from t=2000, 250 ms each; CPU 400 + 100 + 200 ms a second. */
    private static JobTimeline timeline() {
        JobTimeline timeline = new JobTimeline();
        long[] answers = {0, 100, 350, 600, 850, 900};
        for (int second = 1; second <= answers.length; second++) {
            long n = answers[second - 1];
            timeline.add(new JobSample(second * 1_000L, n, Duration.ofMillis(250 * n),
                    new JvmCpu(second * 400_000_000L, second * 100_000_000L, second * 200_000_000L, true)));
        }
        return timeline;
    }

    @Test
    void s3ProxysHeapHoldsThePhotosAndBothResultsOfEveryRowWithHalfAsMuchAgain() {
        CatalogFootprint withPool = new CatalogFootprint(10_000, 3_000, true);

        // 10,000 photos, 20,001 results, 30,016 objects at 2 KB each.
        long store = 10_000L * 3_000 + 20_001L * CatalogFootprint.RESULT_BYTES + 30_016L * CatalogFootprint.PER_OBJECT_BYTES;
        assertThat(withPool.objects()).isEqualTo(30_016);
        assertThat(withPool.s3ProxyHeapMegabytes())
                .isEqualTo((CatalogFootprint.BASE_HEAP_BYTES + store * 3 / 2 + (1 << 20) - 1) >> 20);
    }

    @Test
    void withoutTheThreadPoolS3ProxyHoldsOneResultARow() {
        CatalogFootprint withPool = new CatalogFootprint(100_000, 3_000, true);
        CatalogFootprint without = new CatalogFootprint(100_000, 3_000, false);

        assertThat(without.objects()).isEqualTo(200_016);
        assertThat(withPool.objects()).isEqualTo(300_016);
        assertThat(without.bytes()).isEqualTo(withPool.bytes() - 100_000L * CatalogFootprint.RESULT_BYTES);
        assertThat(without.s3ProxyHeapMegabytes()).isLessThan(withPool.s3ProxyHeapMegabytes());
    }
}
