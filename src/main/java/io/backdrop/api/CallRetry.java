package io.backdrop.api;

import io.backdrop.api.ApiException.Kind;
import io.backdrop.api.CallObserver.Call;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call's attempts under Resilience4j Retry: transient failures are tried again after the
 * {@link BackoffSchedule}'s wait, permanent and fatal ones end the call at once. Each call gets
 * its own Retry instance because the time budget counts from that call's first attempt.
 * <p>
 * The paid feature call is the exception: an answer that arrived but could not be read means the
 * generation most likely ran and was charged, so such a call is tried again at most once. Its
 * attempts whose answer was lost are counted, since each may have been charged.
 */
final class CallRetry {

    private static final Logger log = LoggerFactory.getLogger(CallRetry.class);

    /** One attempt; it throws {@link ApiException} for every classified failure. */
    @FunctionalInterface
    interface Attempt<T> {
        Measured<T> run();
    }

    /** An attempt's value and the bytes it moved, for the observer. */
    record Measured<T>(T value, long bytes) {
    }

    private final int maxAttempts;
    private final BackoffSchedule schedule;
    private final Clock clock;
    private final CallObserver observer;

    CallRetry(ApiProperties properties, BackoffSchedule schedule, Clock clock, CallObserver observer) {
        this.maxAttempts = Math.max(1, properties.maxAttempts());
        this.schedule = schedule;
        this.clock = clock;
        this.observer = observer;
    }

    <T> Attempted<T> run(Call call, Attempt<T> attempt) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger lostAnswers = new AtomicInteger();
        AtomicInteger unreadableAnswers = new AtomicInteger();
        // What made the next attempt necessary, handed to the observer with it.
        AtomicReference<FailureCause> lastFailure = new AtomicReference<>();
        long start = clock.millis();
        Retry retry = Retry.of(call.name(), RetryConfig.<Measured<T>>custom()
                .maxAttempts(maxAttempts)
                .retryOnException(failure -> isTransient(failure)
                        && !(call == Call.FEATURE && unreadableAnswers.get() > 1))
                .intervalBiFunction((Integer failed, Either<Throwable, Measured<T>> outcome) ->
                        waitMillis(failed, outcome, Duration.ofMillis(clock.millis() - start)))
                .build());
        retry.getEventPublisher().onRetry(event -> log.info("{} attempt {} failed ({}); retrying in {} ms",
                call, event.getNumberOfRetryAttempts(), event.getLastThrowable().getMessage(),
                event.getWaitInterval().toMillis()));
        try {
            Measured<T> result = retry.executeSupplier(() -> {
                try {
                    return observed(call, attempts.incrementAndGet(), lastFailure.get(), attempt);
                } catch (ApiException failure) {
                    lastFailure.set(FailureCause.of(failure));
                    if (call == Call.FEATURE && failure.answerLost()) {
                        lostAnswers.incrementAndGet();
                        if (failure.answerUnreadable()) {
                            unreadableAnswers.incrementAndGet();
                        }
                    }
                    throw failure;
                }
            });
            return new Attempted<>(result.value(), attempts.get(), lostAnswers.get());
        } catch (ApiException failure) {
            throw failure.counted(attempts.get(), lostAnswers.get());
        }
    }

    private <T> Measured<T> observed(Call call, int number, FailureCause retriedAfter, Attempt<T> attempt) {
        long began = System.nanoTime();
        try {
            Measured<T> result = attempt.run();
            observer.attempt(call, number, retriedAfter, Duration.ofNanos(System.nanoTime() - began), null,
                    result.bytes());
            return result;
        } catch (ApiException failure) {
            observer.attempt(call, number, retriedAfter, Duration.ofNanos(System.nanoTime() - began), failure, 0);
            throw failure;
        }
    }

    private long waitMillis(int failed, Either<Throwable, ?> outcome, Duration elapsed) {
        if (!outcome.isLeft() || !(outcome.getLeft() instanceof ApiException failure)) {
            return -1;
        }
        // A negative interval tells Resilience4j to stop and rethrow the last failure.
        return schedule.next(failed, failure, elapsed).map(Duration::toMillis).orElse(-1L);
    }

    private static boolean isTransient(Throwable failure) {
        return failure instanceof ApiException api && api.kind() == Kind.TRANSIENT;
    }
}
