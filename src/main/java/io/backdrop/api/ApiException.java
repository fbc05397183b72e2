package io.backdrop.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed API call, classified by what the caller should do about it.
 */
public class ApiException extends RuntimeException {

    /** What a failure means for the row and the job. */
    public enum Kind {
        /** Worth another attempt: 429, 5xx, a dropped connection, a timeout, a malformed answer. */
        TRANSIENT,
        /** This row cannot succeed as it is: 400, 404, 413, 422, a FAILED record, no result, not an image. */
        PERMANENT,
        /** No row can succeed until a person acts: a bad key (401, 403) or no credits (402). */
        FATAL
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;
    private final int attempts;

    public ApiException(Kind kind, int httpStatus, String message, Duration retryAfter, Throwable cause) {
        this(kind, httpStatus, message, retryAfter, cause, 1);
    }

    public ApiException(Kind kind, int httpStatus, String message, Duration retryAfter, Throwable cause, int attempts) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.attempts = attempts;
    }

    public ApiException(Kind kind, int httpStatus, String message) {
        this(kind, httpStatus, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The wait the server asked for with {@code Retry-After}, if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How many attempts the call made before giving up with this failure (1 when it was not retried). */
    public int attempts() {
        return attempts;
    }

    /** The same failure, counted: the last attempt's failure is only known to be final once retrying stops. */
    public ApiException withAttempts(int attempts) {
        ApiException counted = new ApiException(kind, httpStatus, getMessage(), retryAfter, getCause(), attempts);
        counted.setStackTrace(getStackTrace());
        return counted;
    }
}
