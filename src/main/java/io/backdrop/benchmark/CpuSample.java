package io.backdrop.benchmark;

/**
 * CPU time used by this process up to one moment.
 *
 * @param epochMillis  when the sample was taken
 * @param processNanos all CPU of the process: every Java thread and the JVM's own (GC, JIT compiler)
 * @param sandboxNanos CPU of the in-process sandbox's threads (its HTTP dispatcher and handlers)
 * @param javaNanos    CPU of all Java threads, the sandbox's included; the rest of the process is the JVM's own
 * @param jitNanos     time the JIT compiler's threads spent compiling (the JVM reports it in milliseconds)
 */
record CpuSample(long epochMillis, long processNanos, long sandboxNanos, long javaNanos, long jitNanos) {

    /** The value between two samples, in proportion to time: samples are taken every few dozen milliseconds. */
    static CpuSample between(CpuSample before, CpuSample after, long epochMillis) {
        if (after.epochMillis == before.epochMillis) {
            return after;
        }
        double share = (double) (epochMillis - before.epochMillis) / (after.epochMillis - before.epochMillis);
        return new CpuSample(epochMillis,
                before.processNanos + Math.round((after.processNanos - before.processNanos) * share),
                before.sandboxNanos + Math.round((after.sandboxNanos - before.sandboxNanos) * share),
                before.javaNanos + Math.round((after.javaNanos - before.javaNanos) * share),
                before.jitNanos + Math.round((after.jitNanos - before.jitNanos) * share));
    }

    CpuUse since(CpuSample start) {
        return new CpuUse(processNanos - start.processNanos, sandboxNanos - start.sandboxNanos,
                (processNanos - start.processNanos) - (javaNanos - start.javaNanos), jitNanos - start.jitNanos);
    }
}
