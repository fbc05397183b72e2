package io.backdrop.sandbox;

import java.time.Duration;
import java.util.Objects;

/** A fault decided for one call; {@code delay} is how long a {@link Fault#SLOW} call waits (zero otherwise). */
record PlannedFault(Fault fault, Duration delay) {

    PlannedFault {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(delay, "delay");
    }

    static PlannedFault of(Fault fault) {
        return new PlannedFault(fault, Duration.ZERO);
    }
}
