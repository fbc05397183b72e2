package io.backdrop.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Samples of one job, in time order, and the stretches of its run they bound. */
final class JobTimeline {

    private final List<JobSample> samples = new ArrayList<>();

    void add(JobSample sample) {
        if (!samples.isEmpty() && sample.epochMillis() < samples.get(samples.size() - 1).epochMillis()) {
            throw new IllegalArgumentException("samples must come in time order");
        }
        samples.add(sample);
    }

    /**
     * The job at full speed: from the first sample that had seen {@code fromAnswers} answers to the
     * last that had seen no more than {@code toAnswers}. Starting late leaves the JVM's warm-up out;
     * ending before the last {@code concurrency} rows leaves out the tail, where fewer calls are
     * left than workers.
     */
    Stretch steadyState(long fromAnswers, long toAnswers) {
        JobSample first = samples.stream().filter(s -> s.answers() >= fromAnswers).findFirst().orElse(null);
        JobSample last = samples.stream().filter(s -> s.answers() <= toAnswers).reduce((a, b) -> b).orElse(null);
        if (first == null || last == null || last.answers() <= first.answers() || last.epochMillis() <= first.epochMillis()) {
            throw new IllegalStateException("no samples between " + fromAnswers + " and " + toAnswers + " answered calls");
        }
        return stretch(first, last);
    }

    /** The CPU used from the last sample at or before {@code startMillis} to the first at or after {@code endMillis}. */
    JvmCpu cpuBetween(long startMillis, long endMillis) {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        JvmCpu start = samples.stream().filter(s -> s.epochMillis() <= startMillis).reduce((a, b) -> b)
                .orElse(samples.get(0)).cpu();
        JvmCpu end = samples.stream().filter(s -> s.epochMillis() >= endMillis).findFirst()
                .orElse(samples.get(samples.size() - 1)).cpu();
        return end.since(start);
    }

    private static Stretch stretch(JobSample first, JobSample last) {
        long rows = last.answers() - first.answers();
        return new Stretch(rows, Duration.ofMillis(last.epochMillis() - first.epochMillis()),
                last.answerTime().minus(first.answerTime()).dividedBy(rows), last.cpu().since(first.cpu()));
    }
}
