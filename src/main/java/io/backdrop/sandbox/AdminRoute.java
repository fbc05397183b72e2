package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Steering for a sandbox in another process (a job in a child JVM, a benchmark):
 * {@code GET /sandbox/stats} answers {@link SandboxStats} as JSON;
 * {@code POST /sandbox/faults} with {@code {"endpoint":"FEATURE","fault":"STATUS_500","count":2}}
 * (and {@code "delayMillis"} for SLOW) scripts faults; {@code DELETE /sandbox/faults} clears them.
 * It needs no key and is not counted in the stats: the sandbox listens on 127.0.0.1 only.
 */
final class AdminRoute implements HttpHandler {

    static final String STATS = "/sandbox/stats";
    static final String FAULTS = "/sandbox/faults";

    private final Replies replies;
    private final Supplier<SandboxStats> stats;
    private final SandboxFaults faults;

    AdminRoute(Replies replies, Supplier<SandboxStats> stats, SandboxFaults faults) {
        this.replies = replies;
        this.stats = stats;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.equals(STATS) && method.equals("GET")) {
                replies.json(exchange, 200, stats.get());
            } else if (path.equals(FAULTS) && method.equals("POST")) {
                replies.json(exchange, 200, script(exchange.getRequestBody()));
            } else if (path.equals(FAULTS) && method.equals("DELETE")) {
                faults.clear();
                replies.json(exchange, 200, Map.of("cleared", true));
            } else {
                replies.error(exchange, 404, "Unknown sandbox admin call: " + method + " " + path);
            }
        } catch (IllegalArgumentException | JacksonException e) {
            replies.error(exchange, 400, "bad fault script: " + e.getMessage()
                    + "; expected {\"endpoint\":\"FEATURE\",\"fault\":\"STATUS_500\",\"count\":2[,\"delayMillis\":1000]}");
        } finally {
            exchange.close();
        }
    }

    private Map<String, Object> script(InputStream body) throws IOException {
        JsonNode request = replies.json().readTree(body.readNBytes(64 * 1024));
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        Endpoint endpoint = Endpoint.valueOf(text(request, "endpoint"));
        Fault fault = Fault.valueOf(text(request, "fault"));
        JsonNode countNode = request.get("count");
        int count = countNode == null || countNode.isNull() ? 1 : countNode.asInt();
        if (fault == Fault.SLOW) {
            JsonNode delay = request.get("delayMillis");
            if (delay == null || !delay.isNumber()) {
                throw new IllegalArgumentException("SLOW needs delayMillis");
            }
            faults.slow(endpoint, Duration.ofMillis(delay.asLong()), count);
        } else {
            faults.next(endpoint, fault, count);
        }
        return Map.of("endpoint", endpoint.name(), "fault", fault.name(), "pending", faults.pending(endpoint));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.stringValue().trim().toUpperCase(Locale.ROOT);
    }
}
