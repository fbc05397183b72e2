package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;

/** Writes the sandbox's answers: JSON bodies with an exact length, error messages, and deliberately broken JSON. */
final class Replies {

    private final ObjectMapper json;

    Replies(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper json() {
        return json;
    }

    void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, json.writeValueAsBytes(body));
    }

    /** {@code {"message": ...}}, the shape in which the API explains a refusal. */
    void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("message", message));
    }

    /** The body cut at half its length: a 200 the client cannot parse. */
    void malformed(HttpExchange exchange, Object body) throws IOException {
        byte[] whole = json.writeValueAsBytes(body);
        byte[] half = new byte[whole.length / 2];
        System.arraycopy(whole, 0, half, 0, half.length);
        send(exchange, 200, half);
    }

    /** Answers a status fault with the status and a message a real API might give. */
    void statusFault(HttpExchange exchange, Fault fault) throws IOException {
        if (fault == Fault.STATUS_429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        error(exchange, fault.status(), switch (fault.status()) {
            case 429 -> "Too many requests, please slow down";
            case 400 -> "Bad request (sandbox fault)";
            case 401 -> "Invalid API key (sandbox fault)";
            case 402 -> "Insufficient credits (sandbox fault)";
            case 404 -> "Not found (sandbox fault)";
            case 413 -> "Payload too large (sandbox fault)";
            case 422 -> "Unprocessable entity (sandbox fault)";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> "Internal server error";
        });
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
