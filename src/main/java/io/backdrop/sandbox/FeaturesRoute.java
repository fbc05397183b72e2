package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/features}: checks the call, waits as long as a generation takes, charges a
 * credit, and answers with an aiRecord whose result downloads as a rendered PNG.
 */
final class FeaturesRoute extends Route {

    static final String PATH = "/api/features";
    /** Far above any valid body (the prompt is at most 4,000 characters). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Replies replies;
    private final SandboxCounters counters;
    private final ApiKeyCheck keys;
    private final FeatureCallCheck check;
    private final FaultPicker faults;
    private final GenerationLatency latency;
    private final CreditBudget credits;
    private final RenderCache renders;
    private final ResultStore results;
    private final RemotePaths paths;
    private final ResponseBodies bodies;
    private final boolean renderEachPhoto;

    FeaturesRoute(Replies replies, SandboxCounters counters, ApiKeyCheck keys, FeatureCallCheck check, FaultPicker faults,
                  GenerationLatency latency, CreditBudget credits, RenderCache renders, ResultStore results,
                  RemotePaths paths, ResponseBodies bodies, boolean renderEachPhoto) {
        super(replies, counters);
        this.replies = replies;
        this.counters = counters;
        this.keys = keys;
        this.check = check;
        this.faults = faults;
        this.latency = latency;
        this.credits = credits;
        this.renders = renders;
        this.results = results;
        this.paths = paths;
        this.bodies = bodies;
        this.renderEachPhoto = renderEachPhoto;
    }

    @Override
    void serve(HttpExchange exchange) throws IOException, InterruptedException {
        long arrived = System.nanoTime();
        requirePath(exchange, PATH);
        requireMethod(exchange, "POST");
        keys.require(exchange);
        GenerationRequest request = check.check(readJson(exchange));
        counters.featureCall();

        PlannedFault fault = faults.pick(Endpoint.FEATURE).orElse(null);
        if (fault != null && preempts(exchange, fault)) {
            return;
        }
        GenerationLatency.sleep(latency.next());
        CreditBudget.Charge charge = credits.charge(request.promptObject().quality());
        counters.paidCall(request.promptObject().imageUrl());

        Fault effect = fault == null ? null : fault.fault();
        if (effect == Fault.FAILED_RECORD) {
            replies.json(exchange, 200, bodies.aiRecord(request, "FAILED", null, charge));
            return;
        }
        if (effect == Fault.NO_RESULT) {
            replies.json(exchange, 200, bodies.aiRecord(request, "SUCCESS", null, charge));
            return;
        }
        Path rendered;
        try {
            rendered = renders.render(request.source().file(), request.renderKey(renderEachPhoto));
        } catch (IOException unreadableSource) {
            // The generation ran and failed, as a real one does on a photo it cannot read.
            replies.json(exchange, 200, bodies.aiRecord(request, "FAILED", null, charge));
            return;
        }
        String resultPath = paths.result();
        results.register(resultPath, rendered);
        if (effect == Fault.MALFORMED_JSON) {
            replies.malformed(exchange, bodies.aiRecord(request, "SUCCESS", resultPath, charge));
        } else {
            replies.json(exchange, 200, bodies.aiRecord(request, "SUCCESS", resultPath, charge));
            counters.generatedAnswer(System.nanoTime() - arrived);
        }
    }

    private static boolean isJson(String contentType) {
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !isJson(contentType)) {
            throw RejectedRequest.badRequest("Content-Type must be application/json");
        }
        // Not closed here: closing would discard the rest, and a refusal first reads it away.
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new RejectedRequest(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return replies.json().readTree(body);
        } catch (JacksonException e) {
            throw RejectedRequest.badRequest("the body is not valid JSON");
        }
    }
}
