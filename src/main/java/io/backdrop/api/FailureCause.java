package io.backdrop.api;

import java.io.IOException;
import java.net.SocketTimeoutException;
import tools.jackson.core.JacksonException;

/**
 * What a failed attempt is counted as in the metrics: a short, stable word for a tag, drawn from
 * the failure's HTTP status and its cause, never from its message (which servers write).
 */
public enum FailureCause {
    /** Rate limited: HTTP 429. */
    RATE_LIMITED("429"),
    SERVER_ERROR("5xx"),
    CLIENT_ERROR("4xx"),
    TIMEOUT("timeout"),
    /** No answer: refused, reset or dropped connection. */
    CONNECTION("connection"),
    /** A 2xx answer that was not the JSON it should be. */
    MALFORMED("malformed"),
    /** A 2xx answer that broke off. */
    TRUNCATED("truncated"),
    /** A well-formed 2xx answer that holds no usable result: a FAILED record, no result, not an image. */
    UNUSABLE("unusable");

    private final String tag;

    FailureCause(String tag) {
        this.tag = tag;
    }

    /** The tag value, e.g. {@code 429} or {@code timeout}. */
    public String tag() {
        return tag;
    }

    public static FailureCause of(ApiException failure) {
        int status = failure.httpStatus();
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status >= 400) {
            return CLIENT_ERROR;
        }
        if (status == 0 || status < 200) {
            return causedBy(failure, SocketTimeoutException.class) ? TIMEOUT : CONNECTION;
        }
        if (causedBy(failure, JacksonException.class)) {
            return MALFORMED;
        }
        if (causedBy(failure, IOException.class)) {
            return TRUNCATED;
        }
        // A 2xx answer judged worth another try (no asset path, an empty body) was not what it should be.
        return failure.kind() == ApiException.Kind.TRANSIENT ? MALFORMED : UNUSABLE;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
