package io.backdrop.sandbox;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Calls of one endpoint kept waiting, after their checks and before they are answered, until
 * released: a test that needs a call in flight (to stop a run, or to read its metrics while it
 * works) holds one instead of betting on a latency. Closing releases them.
 */
public final class HeldCalls implements AutoCloseable {

    private int waiting;
    private boolean released;

    /** Waits until released; called by the call being held. */
    synchronized void pass() throws InterruptedException {
        waiting++;
        notifyAll();
        try {
            while (!released) {
                wait();
            }
        } finally {
            waiting--;
        }
    }

    /**
     * Waits until at least {@code calls} calls are being held.
     *
     * @throws TimeoutException when they are not within the timeout
     */
    public synchronized void awaitHeld(int calls, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waiting < calls) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(waiting + " of " + calls + " calls held after " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** How many calls are being held now. */
    public synchronized int held() {
        return waiting;
    }

    /** Lets the held calls, and every later one, go on. */
    public synchronized void release() {
        released = true;
        notifyAll();
    }

    @Override
    public void close() {
        release();
    }
}
