package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The {@code API-KEY} header every {@code /api/**} call must carry. The key itself is never echoed or logged. */
final class ApiKeyCheck {

    static final String HEADER = "API-KEY";

    /** Null when any non-blank key is accepted. */
    private final byte[] expected;

    ApiKeyCheck(String expectedKey) {
        this.expected = expectedKey == null ? null : expectedKey.getBytes(StandardCharsets.UTF_8);
    }

    void require(HttpExchange exchange) {
        String presented = exchange.getRequestHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            throw new RejectedRequest(401, "Missing API-KEY header");
        }
        // Constant-time comparison, so response timing says nothing about the key.
        if (expected != null && !MessageDigest.isEqual(expected, presented.strip().getBytes(StandardCharsets.UTF_8))) {
            throw new RejectedRequest(401, "Invalid API key");
        }
    }
}
