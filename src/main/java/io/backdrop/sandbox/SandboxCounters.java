package io.backdrop.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live counts behind {@link SandboxStats}, updated by many request threads at once. */
final class SandboxCounters {

    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong featureCalls = new AtomicLong();
    private final AtomicLong paidCalls = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong rejectedRequests = new AtomicLong();
    private final Map<String, LongAdder> paidByImageUrl = new ConcurrentHashMap<>();
    private final LongAdder generatedAnswers = new LongAdder();
    private final LongAdder generatedAnswerNanos = new LongAdder();

    void upload() {
        uploads.incrementAndGet();
    }

    void featureCall() {
        featureCalls.incrementAndGet();
    }

    void paidCall(String imageUrl) {
        paidByImageUrl.computeIfAbsent(imageUrl, url -> new LongAdder()).increment();
        paidCalls.incrementAndGet();
    }

    void generatedAnswer(long nanos) {
        generatedAnswers.increment();
        generatedAnswerNanos.add(nanos);
    }

    void download() {
        downloads.incrementAndGet();
    }

    void rejected() {
        rejectedRequests.incrementAndGet();
    }

    SandboxStats snapshot() {
        Map<String, Long> byUrl = new HashMap<>();
        paidByImageUrl.forEach((url, count) -> byUrl.put(url, count.sum()));
        return new SandboxStats(uploads.get(), featureCalls.get(), paidCalls.get(), downloads.get(), byUrl,
                rejectedRequests.get(), generatedAnswers.sum(), Duration.ofNanos(generatedAnswerNanos.sum()));
    }
}
