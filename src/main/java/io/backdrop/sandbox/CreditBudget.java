package io.backdrop.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The account's balance: a number of paid calls ({@code --credits}; negative never runs out) and
 * the team's credits, each call charged its quality's cost. Either one spent answers 402.
 */
final class CreditBudget {

    /** The team's counter after a charge, as the answer reports it; null when the account reports nothing. */
    record Charge(long creditLimit, long usedCredit) {
    }

    private final long budget;
    private final AtomicLong remaining;
    private final TeamAccount account;
    private final AtomicLong used;

    CreditBudget(long budget, TeamAccount account) {
        this.budget = budget;
        this.remaining = new AtomicLong(budget);
        this.account = account;
        this.used = new AtomicLong(account.usedCredit());
    }

    /**
     * Charges one paid call of this quality.
     *
     * @return what {@code teamUser} reports; null when the account reports nothing
     * @throws RejectedRequest 402 when the calls or the team's credits are spent
     */
    Charge charge(String quality) {
        if (budget >= 0 && remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) <= 0) {
            throw new RejectedRequest(402, "Insufficient credits: the sandbox's budget of " + budget
                    + " feature calls is spent");
        }
        long cost = account.cost(quality);
        long before = used.getAndUpdate(now -> now + cost <= account.creditLimit() ? now + cost : now);
        if (before + cost > account.creditLimit()) {
            throw new RejectedRequest(402, "Insufficient credits: the team has used " + before + " of its "
                    + account.creditLimit() + " credits and a " + quality + " call costs " + cost);
        }
        return account.reported() ? new Charge(account.creditLimit(), before + cost) : null;
    }
}
