package io.backdrop.benchmark;

/**
 * CPU time a JVM has used, split by who used it; the parts add up to all the process used.
 *
 * @param applicationNanos all but the collector's and the compiler's threads: Backdrop's workers, its HTTP
 *                         client, the database, the JVM's small helpers (signal, reference and service
 *                         threads), and every thread that has ended
 * @param gcNanos          the garbage collector's threads and the VM thread that runs its pauses
 * @param jitNanos         the JIT compiler's threads: a warm-up cost, large for the first minute of a
 *                         fresh JVM on two cores and near zero once the code is compiled
 * @param split            whether the split is known; where the operating system does not report CPU by
 *                         thread, everything is counted as the application's
 */
record JvmCpu(long applicationNanos, long gcNanos, long jitNanos, boolean split) {

    /** From the process's total user + system time and its collector's and compiler's threads' shares. */
    static JvmCpu ofProcess(long processNanos, long gcNanos, long jitNanos) {
        // Ticks are read thread by thread a moment apart from the total: never let rounding go negative.
        return new JvmCpu(Math.max(0, processNanos - gcNanos - jitNanos), gcNanos, jitNanos, true);
    }

    /** Everything the process used: user + system time of all its threads, the JIT compiler and the collector included. */
    long totalNanos() {
        return applicationNanos + gcNanos + jitNanos;
    }

    /** Everything but the JIT compiler: shown for comparison with earlier figures, never judged. */
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
