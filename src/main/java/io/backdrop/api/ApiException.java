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
    private final boolean answerLost;
    private final int lostAnswers;

    public ApiException(Kind kind, int httpStatus, String message, Duration retryAfter, Throwable cause) {
        this(kind, httpStatus, message, retryAfter, cause, false);
    }

    /**
     * @param answerLost the request was sent and its answer never arrived or could not be read, so
     *                   the server may have done (and charged for) what it asked
     */
    public ApiException(Kind kind, int httpStatus, String message, Duration retryAfter, Throwable cause,
                        boolean answerLost) {
        this(kind, httpStatus, message, retryAfter, cause, answerLost, 1, 0);
    }

    private ApiException(Kind kind, int httpStatus, String message, Duration retryAfter, Throwable cause,
                         boolean answerLost, int attempts, int lostAnswers) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.answerLost = answerLost;
        this.attempts = attempts;
        this.lostAnswers = lostAnswers;
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

    /** Whether this attempt's request was sent and its answer lost or unreadable (see the constructor). */
    public boolean answerLost() {
        return answerLost;
    }

    /** Whether an answer arrived (a 2xx status) but could not be read: the call most likely did its work. */
    public boolean answerUnreadable() {
        return answerLost && httpStatus != 0;
    }

    /**
     * How many paid feature calls of the whole call, retries included, lost their answer and so may
     * have been charged without a result; always 0 for uploads and downloads, which cost nothing.
     */
    public int lostAnswers() {
        return lostAnswers;
    }

    /** The same failure, counted: the last attempt's failure is only known to be final once retrying stops. */
    public ApiException counted(int attempts, int lostAnswers) {
        ApiException counted = new ApiException(kind, httpStatus, getMessage(), retryAfter, getCause(), answerLost,
                attempts, lostAnswers);
        counted.setStackTrace(getStackTrace());
        return counted;
    }
}
