package io.backdrop.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first SIGTERM or Ctrl-C into a graceful stop of the running job: calls in flight
 * finish and are recorded, and the command ends as usual. A second one quits at once.
 * <p>
 * The signals are taken before the JVM begins to shut down: a shutdown hook would race the
 * database's own hooks, which close it under the finishing job.
 */
final class StopSignals implements AutoCloseable {

    private static final int INTERRUPTED = 130;

    private final Map<Signal, SignalHandler> previous = new HashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Runnable onStop = () -> { };

    StopSignals(PrintWriter err) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, received -> {
                if (stopping.compareAndSet(false, true)) {
                    err.println("backdrop: stopping gracefully, letting the calls in flight finish "
                            + "(send the signal again to quit at once)");
                    err.flush();
                    Thread stopper = new Thread(this::stop, "backdrop-stop");
                    stopper.setDaemon(true);
                    stopper.start();
                } else {
                    Runtime.getRuntime().halt(INTERRUPTED);
                }
            }));
        }
    }

    void onStop(Runnable action) {
        onStop = action;
    }

    private void stop() {
        try {
            onStop.run();
        } catch (RuntimeException e) {
            System.err.println("backdrop: could not ask the running job to stop: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
