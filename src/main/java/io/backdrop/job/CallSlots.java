package io.backdrop.job;

import io.backdrop.model.CallConcurrency;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The paid feature calls one step execution may have in flight ({@code --concurrency}). A row
 * takes a slot right before its call and gives it back once the call is answered or has failed
 * for good; its upload comes before and its download after, while other rows hold the slots.
 * The slot is held through the call's retries and their waits: a call waiting out a 429 or a 5xx
 * is the server asking for fewer requests, which a slot handed to another row's first attempt
 * would defeat. Slots go to rows in the order they asked (a fair semaphore).
 * <p>
 * Once the step is closing (halted, stopped, over budget) no row waiting for a slot gets one:
 * it has uploaded at most, which costs nothing, and a restart reuses the upload.
 */
final class CallSlots {

    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<RowObserver> observers;
    private final BooleanSupplier stopping;
    private volatile boolean closed;

    /** @param stopping whether the step was asked to stop, as Spring Batch marks it between chunks */
    CallSlots(int calls, List<RowObserver> observers, BooleanSupplier stopping) {
        this.stopping = stopping;
        this.slots = new Semaphore(calls, true);
        this.observers = List.copyOf(observers);
    }

    /**
     * Waits for a slot for the row's call.
     *
     * @return false, holding no slot, when the step closed first
     */
    boolean take(int row) {
        if (closed()) {
            return false;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (closed()) {
            slots.release();
            return false;
        }
        inFlight.incrementAndGet();
        observers.forEach(observer -> observer.callStarted(row));
        return true;
    }

    /** Gives back the slot {@link #take} gave the row. */
    void give(int row) {
        inFlight.decrementAndGet();
        slots.release();
        observers.forEach(observer -> observer.callEnded(row));
    }

    /** No more calls: the rows waiting for a slot, and every later one, go without. */
    void close() {
        closed = true;
        // Wakes every row waiting: each finds the slots closed and hands its permit back.
        slots.release(CallConcurrency.MAX_ROWS);
    }

    private boolean closed() {
        return closed || stopping.getAsBoolean();
    }

    /** Calls holding a slot now. */
    int inFlight() {
        return inFlight.get();
    }
}
