package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowRangePartitionerTest {

    @Test
    void rangesAreContiguousCoverEveryRowAndDifferBySizeByAtMostOne() {
        assertThat(RowRangePartitioner.ranges(10, 3).values())
                .containsExactly(new RowRange(1, 4), new RowRange(5, 7), new RowRange(8, 10));
    }

    @Test
    void fewerRowsThanPartitionsLeavesTheLastOnesEmpty() {
        assertThat(RowRangePartitioner.ranges(2, 3).values())
                .containsExactly(new RowRange(1, 1), new RowRange(2, 2), new RowRange(3, 2));
        assertThat(new RowRange(3, 2).size()).isZero();
    }

    @Test
    void partitionsAreNamedInManifestOrder() {
        assertThat(RowRangePartitioner.ranges(4, 2)).containsOnlyKeys("partition-0", "partition-1");
    }
}
