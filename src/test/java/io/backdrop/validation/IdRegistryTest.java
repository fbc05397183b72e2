package io.backdrop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdRegistryTest {

    @Test
    void answersTheFirstRowOfAnIdSeenBeforeIgnoringCase() {
        IdRegistry ids = new IdRegistry();

        assertThat(ids.putIfAbsent("SKU-1", 1)).isZero();
        assertThat(ids.putIfAbsent("sku-2", 2)).isZero();
        assertThat(ids.putIfAbsent("sku-1", 3)).isEqualTo(1);
        assertThat(ids.putIfAbsent("SKU-2", 4)).isEqualTo(2);
    }

    @Test
    void keepsEveryIdAcrossGrowth() {
        IdRegistry ids = new IdRegistry();
        for (int row = 1; row <= 100_000; row++) {
            assertThat(ids.putIfAbsent("id-" + row, row)).isZero();
        }
        for (int row = 1; row <= 100_000; row += 997) {
            assertThat(ids.putIfAbsent("ID-" + row, 200_000 + row)).isEqualTo(row);
        }
    }
}
