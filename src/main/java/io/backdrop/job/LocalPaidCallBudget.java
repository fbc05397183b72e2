package io.backdrop.job;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The paid call budget of an execution worked in one step of this process: its workers take
 * a unit right before the paid call, atomically, so the cap holds exactly under any concurrency.
 */
public class LocalPaidCallBudget implements PaidCallBudget {

    private final long limit;
    private final AtomicLong remaining;

    /** A budget of {@code limit} paid calls; negative for no limit. */
    public LocalPaidCallBudget(long limit) {
        this.limit = limit;
        this.remaining = new AtomicLong(limit);
    }

    @Override
    public boolean tryTake() {
        return limit < 0 || remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }

    @Override
    public long limit() {
        return limit;
    }
}
