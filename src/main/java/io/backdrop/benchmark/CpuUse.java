package io.backdrop.benchmark;

/**
 * CPU time spent over an interval, split by who spent it.
 *
 * @param processNanos everything the process did
 * @param sandboxNanos the in-process sandbox's threads: serving uploads, feature calls and downloads,
 *                     and rendering and encoding result images (once per distinct result, as it caches them)
 * @param jvmNanos     the JVM's own threads: garbage collection and the JIT compiler
 * @param jitNanos     the JIT compiler's share of {@code jvmNanos}: a start-up cost that a long job amortizes, and
 *                     that each job's fresh Spring context (new proxy classes) renews in part
 */
record CpuUse(long processNanos, long sandboxNanos, long jvmNanos, long jitNanos) {

    /** Everything but the sandbox: Backdrop's threads and the JVM's work on their behalf. */
    long clientNanos() {
        return processNanos - sandboxNanos;
    }

    /** Outside the sandbox, less the JIT compiler: what each row costs once the code is compiled. */
    long steadyClientNanos() {
        return clientNanos() - Math.min(jitNanos, jvmNanos);
    }

    static double millisPerRow(long nanos, long rows) {
        return rows == 0 ? 0 : nanos / 1e6 / rows;
    }
}
