package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureBudgetTest {

    @Test
    void countLimitHaltsOnTheFirstFailureOverIt() {
        FailureBudget budget = new LocalFailureBudget(2, 1.0, 20);

        assertThat(budget.record(true)).isEmpty();
        assertThat(budget.record(false)).isEmpty();
        assertThat(budget.record(true)).isEmpty();
        assertThat(budget.record(true)).hasValueSatisfying(reason -> assertThat(reason).contains("3 rows failed"));
    }

    @Test
    void rateLimitLooksOnlyAtTheLatestWindow() {
        FailureBudget budget = new LocalFailureBudget(-1, 0.5, 4);

        assertThat(budget.record(true)).isEmpty();
        assertThat(budget.record(true)).isEmpty();
        assertThat(budget.record(false)).isEmpty();
        assertThat(budget.record(false)).isEmpty();
        // Each new row pushes the oldest out of the window of 4: F S S F, then S S F F hold two
        // failures, not more than half; S F F F holds three.
        assertThat(budget.record(true)).isEmpty();
        assertThat(budget.record(true)).isEmpty();
        assertThat(budget.record(true)).hasValueSatisfying(reason -> assertThat(reason).contains("3 of the last 4"));
    }

    @Test
    void noCountLimitWhenNegative() {
        FailureBudget budget = new LocalFailureBudget(-1, 1.0, 10);
        for (int row = 0; row < 10; row++) {
            assertThat(budget.record(true)).isEmpty();
        }
    }
}
