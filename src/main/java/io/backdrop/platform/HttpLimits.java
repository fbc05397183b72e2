package io.backdrop.platform;

import java.time.Duration;

/**
 * How long a remote read may take. Each limit bounds a different way of stalling: a server that
 * never accepts, one that accepts and never answers, one that answers and then stops sending, and
 * one that sends a byte now and then forever.
 *
 * @param connect   to open the connection (TLS handshake included)
 * @param firstByte from sending the request to the first byte of the answer
 * @param idle      the longest gap between two bytes of the answer's body
 * @param total     the whole exchange, body included
 */
public record HttpLimits(Duration connect, Duration firstByte, Duration idle, Duration total) {

    public HttpLimits {
        requirePositive("connect", connect);
        requirePositive("first-byte", firstByte);
        requirePositive("idle", idle);
        requirePositive("total", total);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("the " + name + " timeout must be more than zero, is " + value);
        }
    }
}
