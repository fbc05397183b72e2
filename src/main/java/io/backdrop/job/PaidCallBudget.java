package io.backdrop.job;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many paid feature calls one execution may still make ({@code --max-images}). Workers take
 * a unit right before the paid call, atomically, so the cap holds exactly under any concurrency.
 */
public class PaidCallBudget {

    private final long limit;
    private final AtomicLong remaining;

    /** A budget of {@code limit} paid calls; negative for no limit. */
    public PaidCallBudget(long limit) {
        this.limit = limit;
        this.remaining = new AtomicLong(limit);
    }

    /** Takes one paid call from the budget; false when it is spent. */
    public boolean tryTake() {
        return limit < 0 || remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }

    public long limit() {
        return limit;
    }
}
