package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The live-heap peak counts data that is held, not garbage that other threads keep allocating. */
class MemoryWatchTest {

    private static final int MIB = 1024 * 1024;
    private static final int HELD = 64 * MIB;

    @Test
    void theLivePeakGrowsByWhatIsHeldAndNotByGarbage() throws InterruptedException {
        long without = livePeakWhileChurning(false);
        long with = livePeakWhileChurning(true);

        assertThat(with - without).isBetween((long) HELD, (long) HELD + 6 * MIB);
    }

    /** The live peak over a second of full collections every 50 ms while a thread allocates 1 MiB arrays. */
    private static long livePeakWhileChurning(boolean hold) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            long sum = 0;
            while (running.get()) {
                byte[] garbage = new byte[MIB];
                garbage[MIB - 1] = 1;
                sum += garbage[MIB - 1];
            }
            assertThat(sum).isPositive();
        });
        // Small arrays: a single large one would be rounded up to whole G1 regions.
        byte[][] held = hold ? new byte[HELD / (64 * 1024)][64 * 1024] : null;
        try (MemoryWatch watch = new MemoryWatch(Duration.ofMillis(50))) {
            churn.start();
            Thread.sleep(1_000);
            running.set(false);
            churn.join();
            // Notifications are delivered on their own thread; let the last ones arrive.
            Thread.sleep(200);
            return watch.peaks().heapAfterGcBytes();
        } finally {
            if (held != null) {
                held[0][0] = 1;
            }
        }
    }
}
