package io.backdrop.api;

import java.time.Duration;

/**
 * Hears about every attempt {@link OneMinClient} makes, retries included, so that metrics and
 * per-row attempt counts need no access to the client's internals.
 */
public interface CallObserver {

    /** The three calls a row makes, in order. */
    enum Call { UPLOAD, FEATURE, DOWNLOAD }

    /**
     * One attempt finished.
     *
     * @param attempt      1 for the first attempt of a call, 2 for its first retry, and so on
     * @param retriedAfter the cause of the failed attempt this one retries; null for a first attempt
     * @param latency      how long the attempt took, waits before it excluded
     * @param failure      why it failed, or null when it succeeded
     * @param bytes        bytes sent (upload) or received (feature answer, download) by a successful attempt
     */
    default void attempt(Call call, int attempt, FailureCause retriedAfter, Duration latency, ApiException failure,
                         long bytes) {
    }

    CallObserver NONE = new CallObserver() {
    };
}
