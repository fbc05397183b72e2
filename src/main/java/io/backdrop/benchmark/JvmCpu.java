package io.backdrop.benchmark;

/**
 * CPU time a JVM has used, split by who used it.
 *
 * @param applicationNanos the Java threads: Backdrop's workers, its HTTP client, the database, and the
 *                         JVM's small helpers (signal, reference and service threads)
 * @param gcNanos          the garbage collector's threads and the VM thread that runs its pauses
 * @param jitNanos         the JIT compiler's threads: a warm-up cost, large for the first minute of a
 *                         fresh JVM on two cores and near zero once the code is compiled
 * @param split            whether the split is known; where the operating system does not report CPU by
 *                         thread, everything is counted as the application's
 */
record JvmCpu(long applicationNanos, long gcNanos, long jitNanos, boolean split) {

    long totalNanos() {
        return applicationNanos + gcNanos + jitNanos;
    }

    /** What a job costs once its code is compiled: everything but the JIT compiler. */
    long allButJitNanos() {
        return applicationNanos + gcNanos;
    }

    JvmCpu since(JvmCpu earlier) {
        return new JvmCpu(applicationNanos - earlier.applicationNanos, gcNanos - earlier.gcNanos,
                jitNanos - earlier.jitNanos, split && earlier.split);
    }

    static double millisPerRow(long nanos, long rows) {
        return rows == 0 ? 0 : nanos / 1e6 / rows;
    }
}
