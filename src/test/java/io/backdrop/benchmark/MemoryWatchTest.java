package io.backdrop.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live-heap peak counts data that is held, not garbage that the job keeps allocating. */
class MemoryWatchTest {

    private static final int MIB = 1024 * 1024;
    private static final int HELD = 64 * MIB;

    @Test
    void theLivePeakGrowsByWhatIsHeldAndNotByGarbage() {
        // The rest of the test JVM's live data drifts as earlier tests' threads and caches wind down
        // (CI once saw it shrink by 77 KB between two measurements, more than the held arrays'
        // headers): the baseline is measured before and after, and the smaller taken. A drift can
        // then only add to the difference, which the upper bound leaves 6 MiB for.
        long before = livePeakWhileChurning(false);
        long with = livePeakWhileChurning(true);
        long after = livePeakWhileChurning(false);
        long without = Math.min(before, after);

        assertThat(with - without).isBetween((long) HELD, (long) HELD + 6 * MIB);
    }

    /**
     * The live peak over five of the watch's full collections (one every 50 ms), heard while this
     * thread allocates 1 MiB arrays: counting collections rather than sleeping keeps a loaded
     * machine from ending the window before a collection has seen what is held.
     */
    private static long livePeakWhileChurning(boolean hold) {
        // Small arrays: a single large one would be rounded up to whole G1 regions.
        byte[][] held = hold ? new byte[HELD / (64 * 1024)][64 * 1024] : null;
        try (MemoryWatch watch = new MemoryWatch(Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long sum = 0;
            while (watch.collectionsHeard() < 5) {
                assertThat(System.nanoTime()).as("five full collections heard within a minute").isLessThan(deadline);
                byte[] garbage = new byte[MIB];
                garbage[MIB - 1] = 1;
                sum += garbage[MIB - 1];
            }
            assertThat(sum).isPositive();
            return watch.peaks().heapAfterGcBytes();
        } finally {
            if (held != null) {
                held[0][0] = 1;
            }
        }
    }
}
