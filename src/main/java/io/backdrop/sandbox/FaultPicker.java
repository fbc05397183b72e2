package io.backdrop.sandbox;

import java.util.Optional;

/** Decides a call's fault: a scripted one if any is waiting, else a random one at the configured rates. */
final class FaultPicker {

    private final SandboxFaults scripted;
    private final RandomFaults random;

    FaultPicker(SandboxFaults scripted, RandomFaults random) {
        this.scripted = scripted;
        this.random = random;
    }

    Optional<PlannedFault> pick(Endpoint endpoint) {
        return scripted.take(endpoint).or(() -> random.draw(endpoint));
    }
}
