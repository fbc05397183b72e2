package io.backdrop.api;

import java.util.function.Supplier;

/**
 * A pace for feature calls shared with other processes (the workers of a remote job): each call
 * takes a token from a bucket they all draw from, and a 429 answered to any of them takes tokens
 * out of it, slowing every process down at once. Applied inside each process's own adaptive limit.
 */
public interface SharedPace {

    /** No pace shared: a single process's own limit is all there is. */
    SharedPace NONE = new SharedPace() {
        @Override
        public <T> T call(Supplier<T> call) {
            return call.get();
        }
    };

    /** Runs the call once the shared bucket gives a token; a 429 it answers slows everyone. */
    <T> T call(Supplier<T> call);
}
