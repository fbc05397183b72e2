package io.backdrop.benchmark;

import java.time.Duration;

/**
 * One look at a running job from outside: how many feature calls the sandbox had answered, how long
 * they took in all, and the CPU the job's JVM had used.
 *
 * @param epochMillis when the sample was taken
 * @param answers     feature calls the sandbox had answered with a result
 * @param answerTime  their total time in the sandbox
 * @param cpu         the job's JVM's CPU so far
 */
record JobSample(long epochMillis, long answers, Duration answerTime, JvmCpu cpu) {
}
