package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;

/**
 * The frame of every sandbox route: a refusal becomes a JSON answer and is counted, a failure of the
 * sandbox itself becomes a 500, and the exchange is always closed. Closing an exchange before any
 * answer closes the connection, which is how a dropped connection is emulated.
 */
abstract class Route implements HttpHandler {

    /** How much of an unread request body is read away before a refusal, so the client sees the answer. */
    private static final long DRAIN_LIMIT = 128L * 1024 * 1024;

    private final Replies replies;
    private final SandboxCounters counters;

    Route(Replies replies, SandboxCounters counters) {
        this.replies = replies;
        this.counters = counters;
    }

    /** Serves one exchange; it may leave the exchange unanswered to drop the connection. */
    abstract void serve(HttpExchange exchange) throws IOException, InterruptedException;

    @Override
    public final void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (RejectedRequest rejected) {
            counters.rejected();
            answerQuietly(exchange, rejected.status(), rejected.getMessage());
        } catch (InterruptedException interrupted) {
            // The sandbox is closing: leave the call unanswered.
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The client closed the connection; there is nobody to answer.
        } catch (RuntimeException bug) {
            answerQuietly(exchange, 500, "sandbox error: " + bug);
        } finally {
            exchange.close();
        }
    }

    private void answerQuietly(HttpExchange exchange, int status, String message) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            drain(exchange.getRequestBody());
            replies.error(exchange, status, message);
        } catch (IOException clientGone) {
            // Nothing more to do: the exchange is closed by the caller.
        }
    }

    private static void drain(InputStream body) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < DRAIN_LIMIT && (n = body.read(sink)) >= 0) {
            total += n;
        }
    }

    /**
     * Carries out a fault that replaces or delays the normal answer.
     *
     * @return true when the call is over: answered with the fault's status, or to be dropped (the
     *         exchange then closes unanswered)
     */
    final boolean preempts(HttpExchange exchange, PlannedFault planned) throws IOException, InterruptedException {
        Fault fault = planned.fault();
        if (fault.isStatus()) {
            replies.statusFault(exchange, fault);
            return true;
        }
        if (fault == Fault.DROP_CONNECTION) {
            return true;
        }
        if (fault == Fault.SLOW) {
            GenerationLatency.sleep(planned.delay());
        }
        return false;
    }

    static void requireMethod(HttpExchange exchange, String method) {
        if (!method.equalsIgnoreCase(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", method);
            throw new RejectedRequest(405, exchange.getRequestMethod() + " is not allowed here; use " + method);
        }
    }

    static void requirePath(HttpExchange exchange, String path) {
        String actual = exchange.getRequestURI().getPath();
        if (!actual.equals(path) && !actual.equals(path + "/")) {
            throw new RejectedRequest(404, "No such endpoint: " + actual);
        }
    }
}
