package io.backdrop.benchmark;

import java.util.ArrayList;
import java.util.List;

/** CPU samples in time order, read at any moment between the first and the last. */
final class CpuTimeline {

    private final List<CpuSample> samples = new ArrayList<>();

    synchronized void add(CpuSample sample) {
        if (!samples.isEmpty() && sample.epochMillis() < samples.get(samples.size() - 1).epochMillis()) {
            throw new IllegalArgumentException("samples must come in time order");
        }
        samples.add(sample);
    }

    /** The CPU used up to the moment, interpolated between the samples around it; clamped to the ends. */
    synchronized CpuSample at(long epochMillis) {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        CpuSample before = samples.get(0);
        if (epochMillis <= before.epochMillis()) {
            return before;
        }
        for (CpuSample after : samples) {
            if (after.epochMillis() >= epochMillis) {
                return CpuSample.between(before, after, epochMillis);
            }
            before = after;
        }
        return before;
    }

    CpuUse between(long startMillis, long endMillis) {
        return at(endMillis).since(at(startMillis));
    }
}
