package io.backdrop.job;

/**
 * The answers so far left the team fewer credits than {@code --reserve-credits}: the execution
 * stops as it does at {@code --max-images}, STOPPED and restartable.
 */
public class CreditReserveReachedException extends BudgetReachedException {

    public CreditReserveReachedException(long left, long reserve) {
        super("credit reserve reached: the answers so far left the team " + left + " credits, fewer than --reserve-credits "
                + reserve + "; to go on, restart with a lower --reserve-credits (0 for none)");
    }
}
