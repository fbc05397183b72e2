package io.backdrop.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns SIGTERM and Ctrl-C into a graceful stop: the JVM's shutdown waits until the running
 * execution has let its calls in flight finish, recorded them, and the command has closed.
 */
final class GracefulShutdown implements AutoCloseable {

    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<Runnable> onSignal = new AtomicReference<>(() -> { });
    private final Thread hook;

    GracefulShutdown() {
        hook = new Thread(() -> {
            onSignal.get().run();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "backdrop-graceful-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void onSignal(Runnable action) {
        onSignal.set(action);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the command has closed
        }
    }
}
