package io.backdrop.benchmark;

import java.time.Duration;
import java.time.Instant;

/**
 * One benchmark job as it ended.
 *
 * @param succeeded rows that SUCCEEDED
 * @param started   when the job execution started, as its job repository recorded it
 * @param ended     when it ended; the job's wall time excludes the JVM's and Spring's start-up
 */
record JobOutcome(long succeeded, Instant started, Instant ended) {

    Duration wallTime() {
        return Duration.between(started, ended);
    }
}
