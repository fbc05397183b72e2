package io.backdrop.benchmark;

import java.time.Duration;
import java.time.Instant;

/**
 * One benchmark job as it ended.
 *
 * @param succeeded rows that SUCCEEDED
 * @param started   when the job execution started, as its job repository recorded it
 * @param ended     when it ended; the job's wall time excludes the console's and Spring's start-up
 * @param command   the whole command's time, start-up included
 */
record JobOutcome(long succeeded, Instant started, Instant ended, Duration command) {

    Duration wallTime() {
        return Duration.between(started, ended);
    }
}
