package io.backdrop.progress;

import java.time.Duration;

/** Where progress is shown; told the latest snapshot at its own pace, from one thread. */
interface ProgressDisplay extends AutoCloseable {

    /** How often it wants a new snapshot. */
    Duration interval();

    void show(ProgressSnapshot snapshot);

    /** The run is over: the last snapshot is shown, then the display is released. */
    void finish(ProgressSnapshot snapshot);

    @Override
    default void close() {
    }
}
