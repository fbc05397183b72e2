package io.backdrop.sandbox;

import java.util.Optional;
import java.util.Random;

/**
 * Faults at the rates of {@link SandboxSettings}: one draw per call picks at most one fault, so the
 * rates are exact shares of the calls. A fault that does not apply to the endpoint (a FAILED record
 * on a download) leaves the call alone.
 */
final class RandomFaults {

    private static final Fault[] SERVER_ERRORS = {Fault.STATUS_500, Fault.STATUS_502, Fault.STATUS_503, Fault.STATUS_504};

    private final SandboxSettings settings;
    private final Random random;

    RandomFaults(SandboxSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
    }

    Optional<PlannedFault> draw(Endpoint endpoint) {
        double draw = random.nextDouble();
        Fault fault = null;
        if ((draw -= settings.rate429()) < 0) {
            fault = random.nextBoolean() ? Fault.STATUS_429 : Fault.STATUS_429_NO_RETRY_AFTER;
        } else if ((draw -= settings.rate5xx()) < 0) {
            fault = SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)];
        } else if ((draw -= settings.rateDrop()) < 0) {
            fault = Fault.DROP_CONNECTION;
        } else if ((draw -= settings.rateMalformed()) < 0) {
            fault = Fault.MALFORMED_JSON;
        } else if ((draw -= settings.rateFailed()) < 0) {
            fault = Fault.FAILED_RECORD;
        }
        return fault != null && fault.appliesTo(endpoint) ? Optional.of(PlannedFault.of(fault)) : Optional.empty();
    }
}
