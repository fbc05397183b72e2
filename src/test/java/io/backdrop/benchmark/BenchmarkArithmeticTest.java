package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void cpuBetweenTwoMomentsIsInterpolatedBetweenTheSamplesAroundThem() {
        CpuTimeline timeline = new CpuTimeline();
        timeline.add(new CpuSample(1_000, 0, 0, 0, 0));
        timeline.add(new CpuSample(1_100, 100_000_000, 10_000_000, 80_000_000, 5_000_000));
        timeline.add(new CpuSample(1_200, 300_000_000, 30_000_000, 240_000_000, 5_000_000));

        CpuUse use = timeline.between(1_050, 1_150);

        assertThat(use.processNanos()).isEqualTo(150_000_000);
        assertThat(use.sandboxNanos()).isEqualTo(15_000_000);
        // The JVM's own threads: process less Java threads, 20 ms then 40 ms per 100 ms.
        assertThat(use.jvmNanos()).isEqualTo(30_000_000);
        assertThat(use.jitNanos()).isEqualTo(2_500_000);
        assertThat(use.clientNanos()).isEqualTo(135_000_000);
        assertThat(use.steadyClientNanos()).isEqualTo(132_500_000);
        assertThat(CpuUse.millisPerRow(use.clientNanos(), 27)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void momentsOutsideTheSamplesTakeTheNearestOne() {
        CpuTimeline timeline = new CpuTimeline();
        timeline.add(new CpuSample(1_000, 10, 0, 10, 0));
        timeline.add(new CpuSample(2_000, 20, 0, 20, 0));

        assertThat(timeline.at(0).processNanos()).isEqualTo(10);
        assertThat(timeline.at(5_000).processNanos()).isEqualTo(20);
    }

    @Test
    void reportJudgesEachTarget() {
        CpuUse cheap = new CpuUse(2_000_000_000L, 500_000_000L, 600_000_000L, 400_000_000L);
        Throughput efficient = new Throughput(500, Duration.ofMillis(4_200), 32, Duration.ofMillis(250));
        List<MemoryProbeResult> flat = List.of(new MemoryProbeResult(1_000, 100, 40L << 20, 100L << 20, 300L << 20),
                new MemoryProbeResult(10_000, 110, 44L << 20, 120L << 20, 320L << 20));
        MemoryPeaks peaks = new MemoryPeaks(40L << 20, 100L << 20, -1);

        BenchmarkReport met = new BenchmarkReport(efficient, cheap, peaks, flat, "512m");
        assertThat(met.steadyCpuMillisPerRow()).isCloseTo(2.2, within(1e-9));
        assertThat(met.memoryGrowth()).isCloseTo(1.1, within(1e-9));
        assertThat(met.targetsMet()).isTrue();

        Throughput slow = new Throughput(500, Duration.ofSeconds(6), 32, Duration.ofMillis(250));
        assertThat(new BenchmarkReport(slow, cheap, peaks, flat, "512m").targetsMet()).isFalse();
        List<MemoryProbeResult> growing = List.of(flat.get(0), new MemoryProbeResult(10_000, 110, 60L << 20, 120L << 20, 320L << 20));
        assertThat(new BenchmarkReport(efficient, cheap, peaks, growing, "512m").targetsMet()).isFalse();
    }
}
