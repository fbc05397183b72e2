package io.backdrop.sandbox;

import java.time.Duration;
import java.util.Map;

/**
 * What a sandbox has seen so far, as one snapshot.
 *
 * @param uploads             assets stored (answered 200, malformed answers included)
 * @param featureCalls        feature calls that passed the key check and validation, whatever came after
 *                            (a fault, a spent budget, a generation)
 * @param paidCalls           feature calls the real API would charge: those whose generation ran, i.e.
 *                            answered SUCCESS, FAILED, SUCCESS without a result, or with their JSON cut
 *                            short. Calls refused with an error status, dropped, or refused for lack of
 *                            credits are not paid.
 * @param downloads           downloads answered 200 (faulty bodies included)
 * @param paidCallsByImageUrl paid calls per {@code promptObject.imageUrl}
 * @param rejectedRequests    requests the sandbox's own checks refused: bad or missing key, invalid body,
 *                            too large, unknown path, spent credits (scripted or random faults excluded)
 * @param generatedAnswers    feature calls answered 200 with a SUCCESS record and a result
 * @param generatedAnswerTime their total time in the sandbox, from the request's arrival to the answer's
 *                            end: the latency a client sees, less the network
 */
public record SandboxStats(long uploads, long featureCalls, long paidCalls, long downloads,
                           Map<String, Long> paidCallsByImageUrl, long rejectedRequests,
                           long generatedAnswers, Duration generatedAnswerTime) {

    public SandboxStats {
        paidCallsByImageUrl = Map.copyOf(paidCallsByImageUrl);
    }

}
