package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void reportJudgesEachTarget() {
        Stretch whole = new Stretch(10_000, Duration.ofSeconds(90), Duration.ofMillis(250), cpu(5));
        // 120 rows/s against 32 / 0.25 s = 128: efficiency 0.94.
        Stretch fast = new Stretch(6_000, Duration.ofSeconds(50), Duration.ofMillis(250), cpu(3));
        Stretch slow = new Stretch(6_000, Duration.ofSeconds(60), Duration.ofMillis(250), cpu(3));
        Stretch costly = new Stretch(6_000, Duration.ofSeconds(50), Duration.ofMillis(250), cpu(6));
        List<MemoryProbeResult> flat = List.of(new MemoryProbeResult(1_000, 100, 40L << 20, 100L << 20, 300L << 20),
                new MemoryProbeResult(10_000, 110, 44L << 20, 120L << 20, 320L << 20));
        List<MemoryProbeResult> growing = List.of(flat.get(0), new MemoryProbeResult(10_000, 110, 60L << 20, 120L << 20, 320L << 20));

        BenchmarkReport met = new BenchmarkReport(32, whole, fast, 400L << 20, flat, "512m");
        assertThat(met.steadyCpuMillisPerRow()).isCloseTo(3.0, within(1e-9));
        assertThat(met.memoryGrowth()).isCloseTo(1.1, within(1e-9));
        assertThat(met.targetsMet()).isTrue();

        assertThat(new BenchmarkReport(32, whole, slow, -1, flat, "512m").targetsMet()).isFalse();
        assertThat(new BenchmarkReport(32, whole, costly, -1, flat, "512m").targetsMet()).isFalse();
        assertThat(new BenchmarkReport(32, whole, fast, -1, growing, "512m").targetsMet()).isFalse();
        assertThat(new BenchmarkReport(32, whole, fast, -1, List.of(), "512m").targetsMet()).isTrue();
    }

    @Test
    void reportSaysWhichTargetWasMissed() {
        Stretch whole = new Stretch(10_000, Duration.ofSeconds(90), Duration.ofMillis(250), cpu(5));
        Stretch costly = new Stretch(6_000, Duration.ofSeconds(50), Duration.ofMillis(250), cpu(6));
        StringWriter text = new StringWriter();

        new BenchmarkReport(32, whole, costly, -1, List.of(), "512m").print(new PrintWriter(text, true));

        // The whole job: 10,000 rows in 90 s against 128 rows/s; its CPU over 10,000 rows, the steady state's over 6,000.
        assertThat(text.toString())
                .containsPattern("efficiency +0\\.868 +0\\.938 +target >= 0\\.90 at the steady state  MET")
                .containsPattern("all but the JIT compiler +3\\.00 ms +6\\.00 ms +target <= 5 ms at the steady state  MISSED")
                .containsPattern("peak RSS +unknown");
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
}
