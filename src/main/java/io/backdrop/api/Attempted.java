package io.backdrop.api;

/**
 * A call's result with the number of attempts it took (1 when the first one succeeded).
 *
 * @param lostAnswers feature calls among the attempts whose answer was lost or unreadable, so may
 *                    have been charged on top of the one that succeeded; 0 for other calls
 */
public record Attempted<T>(T value, int attempts, int lostAnswers) {

    public Attempted(T value, int attempts) {
        this(value, attempts, 0);
    }
}
