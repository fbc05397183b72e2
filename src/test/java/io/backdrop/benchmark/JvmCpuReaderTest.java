package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backdrop.benchmark.JvmCpuReader.ThreadKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JvmCpuReaderTest {

    @Test
    void hotSpotThreadsAreSortedByName() {
        assertThat(JvmCpuReader.kindOf("C2 CompilerThre")).isEqualTo(ThreadKind.JIT);
        assertThat(JvmCpuReader.kindOf("C1 CompilerThre")).isEqualTo(ThreadKind.JIT);
        assertThat(JvmCpuReader.kindOf("GC Thread#1")).isEqualTo(ThreadKind.GC);
        assertThat(JvmCpuReader.kindOf("G1 Conc#0")).isEqualTo(ThreadKind.GC);
        assertThat(JvmCpuReader.kindOf("VM Thread")).isEqualTo(ThreadKind.GC);
        assertThat(JvmCpuReader.kindOf("backdrop-row-12")).isEqualTo(ThreadKind.APPLICATION);
        assertThat(JvmCpuReader.kindOf("VM Periodic Tas")).isEqualTo(ThreadKind.APPLICATION);
        assertThat(JvmCpuReader.kindOf("java")).isEqualTo(ThreadKind.APPLICATION);
    }

    @Test
    void aStatLineIsReadAfterTheNameWhateverTheNameHolds() {
        String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194368 120 0 0 0 731 58 0 0 20 0 1 0 5 0 0";

        assertThat(JvmCpuReader.name(stat)).isEqualTo("a (b) c");
        assertThat(JvmCpuReader.cpuTicks(stat)).isEqualTo(789);
    }

    /** CPU this thread burns shows up as the application's: the reader adds up real threads. */
    @Test
    void cpuThisThreadBurnsIsCountedAsTheApplications() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "CPU by thread is read on Linux only");
        JvmCpuReader reader = new JvmCpuReader(ProcessHandle.current());

        JvmCpu before = reader.read().orElseThrow();
        burn(300_000_000L);
        JvmCpu after = reader.read().orElseThrow();

        assertThat(after.split()).isTrue();
        // Linux counts in 10 ms ticks per thread.
        assertThat(after.since(before).applicationNanos()).isGreaterThanOrEqualTo(280_000_000L);
        // The test JVM's compiler threads have compiled plenty by now, and they count as the JIT's, inside the total.
        assertThat(after.jitNanos()).isPositive();
        assertThat(after.totalNanos()).isEqualTo(after.applicationNanos() + after.gcNanos() + after.jitNanos());
    }

    /** A step's workers end before its job does: what they used must not vanish from the job's CPU. */
    @Test
    void aThreadThatHasEndedStillCounts() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "CPU by thread is read on Linux only");
        JvmCpuReader reader = new JvmCpuReader(ProcessHandle.current());
        JvmCpu before = reader.read().orElseThrow();
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            burn(300_000_000L);
            burnt.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        burnt.await();
        reader.read().orElseThrow();
        end.countDown();
        worker.join();

        JvmCpu after = reader.read().orElseThrow();

        assertThat(after.since(before).applicationNanos()).isGreaterThanOrEqualTo(280_000_000L);
    }

    /**
     * A thread that starts and ends between two reads is never seen by thread: the process's own
     * total, which the kernel keeps for ended threads, still counts it.
     */
    @Test
    void aThreadThatEndedBetweenTwoReadsStillCountsInTheWhole() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "CPU by thread is read on Linux only");
        JvmCpuReader reader = new JvmCpuReader(ProcessHandle.current());
        JvmCpu before = reader.read().orElseThrow();
        Thread worker = new Thread(() -> burn(300_000_000L));
        worker.start();
        worker.join();

        JvmCpu used = reader.read().orElseThrow().since(before);

        assertThat(used.totalNanos()).isGreaterThanOrEqualTo(280_000_000L);
    }

    /** Spends this much of this thread's CPU time. */
    private static void burn(long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() - start < nanos) {
            spin += Long.numberOfTrailingZeros(spin + start);
        }
        assertThat(spin).isNotNegative();
    }
}
