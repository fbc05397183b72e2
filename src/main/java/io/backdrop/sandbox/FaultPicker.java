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

    /** The call's fault, once the call may go on: a call held by the test waits here first. */
    Optional<PlannedFault> pick(Endpoint endpoint) throws InterruptedException {
        scripted.passHold(endpoint);
        return scripted.take(endpoint).or(() -> random.draw(endpoint));
    }
}
