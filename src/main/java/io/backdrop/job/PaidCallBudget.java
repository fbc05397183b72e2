package io.backdrop.job;

/**
 * How many paid feature calls one execution may still make ({@code --max-images}): taken right
 * before each paid call, so that the cap holds exactly however many calls are in flight.
 */
public interface PaidCallBudget {

    /** Takes one paid call from the budget; false when it is spent. */
    boolean tryTake();

    /** The budget's size; negative for no limit. */
    long limit();
}
