package io.backdrop.api;

/** A call's result with the number of attempts it took (1 when the first one succeeded). */
public record Attempted<T>(T value, int attempts) {
}
