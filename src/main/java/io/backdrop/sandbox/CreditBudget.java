package io.backdrop.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** The account's balance in feature calls; a negative budget never runs out. */
final class CreditBudget {

    private final long budget;
    private final AtomicLong remaining;

    CreditBudget(long budget) {
        this.budget = budget;
        this.remaining = new AtomicLong(budget);
    }

    /** Takes one credit; false when none is left. */
    boolean charge() {
        if (budget < 0) {
            return true;
        }
        return remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }

    long budget() {
        return budget;
    }
}
