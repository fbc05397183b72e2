package io.backdrop.job;

/** The execution has made as many paid calls as {@code --max-images} allows: it stops, restartable. */
public class BudgetReachedException extends RuntimeException {

    public BudgetReachedException(long limit) {
        super("budget reached: " + limit + " paid calls (--max-images); restart the job to go on");
    }

    /** Another limit on what an execution may spend, with its own message. */
    protected BudgetReachedException(String message) {
        super(message);
    }
}
