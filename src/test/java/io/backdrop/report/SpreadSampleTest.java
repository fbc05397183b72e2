package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpreadSampleTest {

    @Test
    void keepsEveryItemWhileThereIsRoom() {
        SpreadSample<Integer> sample = new SpreadSample<>(5);

        IntStream.range(0, 5).forEach(sample::offer);

        assertThat(sample.items()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aLongStreamLeavesAnEvenlySpreadSampleNeverLargerThanItsCapacity() {
        SpreadSample<Integer> sample = new SpreadSample<>(10);

        IntStream.range(0, 1_000).forEach(sample::offer);

        List<Integer> kept = sample.items();
        assertThat(kept).hasSizeBetween(6, 10).startsWith(0);
        // The stride of 128 the sample settled on: every 128th item, from the first to near the last.
        assertThat(kept).containsExactly(0, 128, 256, 384, 512, 640, 768, 896);
        assertThat(sample.offered()).isEqualTo(1_000);
    }

    @Test
    void itemsLaterInTheStreamAreAdmittedOnlyALogarithmicNumberOfTimes() {
        SpreadSample<Integer> sample = new SpreadSample<>(96);

        long admitted = IntStream.range(0, 100_000).filter(i -> sample.offer(i).kept()).count();

        // 96 + 48 per doubling of the stride (10 doublings to reach 100,000 / 96 items a slot).
        assertThat(admitted).isLessThan(96 + 48 * 11);
    }

    @Test
    void toldTheStreamsLengthItAdmitsNoMoreThanItsCapacitySpreadOverTheWholeStream() {
        SpreadSample<Integer> sample = new SpreadSample<>(32, 1_000);

        long admitted = IntStream.range(0, 1_000).filter(i -> sample.offer(i).kept()).count();

        assertThat(admitted).isEqualTo(32);
        assertThat(sample.items()).hasSize(32).startsWith(0, 32, 64).endsWith(992);
    }

    @Test
    void aStreamLongerThanExpectedStillLeavesASampleWithinItsCapacity() {
        SpreadSample<Integer> sample = new SpreadSample<>(10, 100);

        IntStream.range(0, 1_000).forEach(sample::offer);

        assertThat(sample.items()).hasSizeBetween(5, 10).startsWith(0, 160);
    }

    @Test
    void aStreamShorterThanExpectedLeavesASmallerSampleStillSpreadOverIt() {
        SpreadSample<Integer> sample = new SpreadSample<>(10, 1_000);

        IntStream.range(0, 250).forEach(sample::offer);

        assertThat(sample.items()).containsExactly(0, 100, 200);
    }

    @Test
    void whatAnOfferPushesOutIsExactlyWhatIsNoLongerHeld() {
        SpreadSample<Integer> sample = new SpreadSample<>(4);
        Set<Integer> held = new HashSet<>();

        for (int i = 0; i < 200; i++) {
            SpreadSample.Admission<Integer> admission = sample.offer(i);
            if (admission.kept()) {
                held.add(i);
            }
            admission.evicted().forEach(evicted -> assertThat(held.remove(evicted)).as("evicted %d was held", evicted).isTrue());
            assertThat(held).containsExactlyInAnyOrderElementsOf(sample.items());
            assertThat(sample.holds(i)).isEqualTo(admission.kept());
        }
    }

    @Test
    void evenlyPicksFromFirstToLast() {
        List<Integer> items = IntStream.range(0, 101).boxed().toList();

        assertThat(SpreadSample.evenly(items, 5)).containsExactly(0, 25, 50, 75, 100);
        assertThat(SpreadSample.evenly(items, 1)).containsExactly(0);
        assertThat(SpreadSample.evenly(items, 0)).isEmpty();
        assertThat(SpreadSample.evenly(List.of(1, 2), 5)).containsExactly(1, 2);
    }
}
