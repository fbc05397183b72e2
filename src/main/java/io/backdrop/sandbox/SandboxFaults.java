package io.backdrop.sandbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Faults scripted for the next calls of each endpoint, so a test can make exactly the calls it
 * means fail. Scripted faults are used up, in order, before the random rates of
 * {@link SandboxSettings} are consulted. Safe to use from any thread while the sandbox serves.
 */
public final class SandboxFaults {

    private final Map<Endpoint, Queue<PlannedFault>> queues = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, HeldCalls> holds = new ConcurrentHashMap<>();

    SandboxFaults() {
        for (Endpoint endpoint : Endpoint.values()) {
            queues.put(endpoint, new ConcurrentLinkedQueue<>());
        }
    }

    /**
     * The next {@code count} valid calls of {@code endpoint} get {@code fault}
     * (e.g. {@code next(Endpoint.FEATURE, Fault.STATUS_500, 2)}). Use {@link #slow} for {@link Fault#SLOW}.
     */
    public SandboxFaults next(Endpoint endpoint, Fault fault, int count) {
        if (fault == Fault.SLOW) {
            throw new IllegalArgumentException("SLOW needs a delay: use slow(endpoint, delay, count)");
        }
        return enqueue(endpoint, PlannedFault.of(fault), count);
    }

    /** The next {@code count} valid calls of {@code endpoint} wait {@code delay} longer, then are answered normally. */
    public SandboxFaults slow(Endpoint endpoint, Duration delay, int count) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return enqueue(endpoint, new PlannedFault(Fault.SLOW, delay), count);
    }

    /**
     * Holds every valid call of {@code endpoint} from now on, before it is answered, until the
     * returned {@link HeldCalls} is released (e.g. {@code try (HeldCalls held = faults.hold(Endpoint.FEATURE))}).
     */
    public HeldCalls hold(Endpoint endpoint) {
        HeldCalls held = new HeldCalls();
        HeldCalls earlier = holds.put(endpoint, held);
        if (earlier != null) {
            earlier.release();
        }
        return held;
    }

    /** Scripted faults of {@code endpoint} not yet used. */
    public int pending(Endpoint endpoint) {
        return queues.get(endpoint).size();
    }

    /** Forgets every scripted fault not yet used. */
    public void clear() {
        queues.values().forEach(Queue::clear);
    }

    /** Waits while calls of the endpoint are held. */
    void passHold(Endpoint endpoint) throws InterruptedException {
        HeldCalls held = holds.get(endpoint);
        if (held != null) {
            held.pass();
        }
    }

    Optional<PlannedFault> take(Endpoint endpoint) {
        return Optional.ofNullable(queues.get(endpoint).poll());
    }

    private SandboxFaults enqueue(Endpoint endpoint, PlannedFault planned, int count) {
        if (!planned.fault().appliesTo(endpoint)) {
            throw new IllegalArgumentException(planned.fault() + " does not apply to " + endpoint);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        Queue<PlannedFault> queue = queues.get(endpoint);
        for (int i = 0; i < count; i++) {
            queue.add(planned);
        }
        return this;
    }
}
