package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.bytes;
import static io.backdrop.api.ScriptedApiServer.drop;
import static io.backdrop.api.ScriptedApiServer.json;
import static io.backdrop.api.ScriptedApiServer.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backdrop.api.CallObserver.Call;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The API meters as a real client fills them, against a real local server with scripted faults. */
class MicrometerCallObserverTest {

    private static final String ASSETS = "/api/assets";
    private static final String FEATURES = "/api/features";
    private static final PromptObject PROMPT = new PromptObject("images/a.png", "a beach", "1024x1024", "low", "auto");

    @TempDir
    Path dir;

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private OneMinClient client;

    @BeforeEach
    void start() throws IOException {
        client = new OneMinClient(Fixtures.properties(server.base(), 4), Fixtures.KEY,
                new MicrometerCallObserver(registry));
    }


    @Test
    void latencyRetriesByCauseRateLimitsAndBytesOfAWholeRow() {
        byte[] photo = Fixtures.png(64, 48);
        byte[] result = Fixtures.png(32, 32);
        String answer = Fixtures.resource("seed-feature-response.json");
        server.script(ASSETS, drop(), json(200, Fixtures.assetAnswer("images/a.png")));
        server.script(FEATURES,
                json(503, "{\"message\":\"overloaded\"}"),
                json(429, "{\"message\":\"slow down\"}", "Retry-After", "0"),
                json(200, "{\"aiRecord\": {"),
                json(200, answer));
        server.script("/result.png", truncated(result.length, Arrays.copyOf(result, 10)), bytes(200, result));

        client.upload(Fixtures.source("a.png", "image/png", photo, new AtomicInteger()));
        client.replaceBackground(PROMPT);
        client.download(server.uri("/result.png"), dir.resolve("result.png"));

        CallStatistics statistics = CallStatistics.read(registry);
        assertThat(statistics.latency()).containsOnlyKeys(Call.UPLOAD, Call.FEATURE, Call.DOWNLOAD);
        assertThat(statistics.latency().get(Call.UPLOAD).attempts()).isEqualTo(2);
        assertThat(statistics.latency().get(Call.FEATURE).attempts()).isEqualTo(4);
        assertThat(statistics.latency().get(Call.DOWNLOAD).attempts()).isEqualTo(2);
        assertThat(statistics.latency().get(Call.FEATURE).p95()).isPresent();
        assertThat(statistics.retriesByCause()).isEqualTo(Map.of("connection", 1L, "5xx", 1L, "429", 1L,
                "malformed", 1L, "truncated", 1L));
        assertThat(statistics.retries()).isEqualTo(5);
        assertThat(statistics.rateLimited()).isEqualTo(1);
        assertThat(statistics.bytesUp()).isEqualTo(photo.length);
        assertThat(statistics.bytesDown()).isEqualTo(answer.getBytes(StandardCharsets.UTF_8).length + result.length);
        assertThat(registry.get(MicrometerCallObserver.FAILURES).tag("call", "FEATURE").tag("cause", "5xx")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aFailureThatEndsTheCallIsCountedButNotAsARetry() {
        server.script(FEATURES, json(429, "{}", "Retry-After", "0"));

        catchThrowableOfType(ApiException.class, () -> client.replaceBackground(PROMPT));

        CallStatistics statistics = CallStatistics.read(registry);
        // Four attempts, all 429: three retries, and the last failure ends the call.
        assertThat(statistics.latency().get(Call.FEATURE).attempts()).isEqualTo(4);
        assertThat(statistics.retriesByCause()).isEqualTo(Map.of("429", 3L));
        assertThat(statistics.rateLimited()).isEqualTo(4);
        assertThat(registry.get(MicrometerCallObserver.FAILURES).tag("cause", "429").counter().count()).isEqualTo(4);
        assertThat(statistics.bytesUp()).isZero();
        assertThat(statistics.bytesDown()).isZero();
    }

    @Test
    void aPermanentAnswerIsAFailureOfItsOwnCause() {
        server.script(FEATURES, json(400, "{\"message\":\"bad size\"}"));

        catchThrowableOfType(ApiException.class, () -> client.replaceBackground(PROMPT));

        assertThat(CallStatistics.read(registry).retries()).isZero();
        assertThat(registry.get(MicrometerCallObserver.FAILURES).tag("cause", "4xx").counter().count()).isEqualTo(1);
    }

    @Test
    void noCallsReadAsEmptyStatistics() {
        CallStatistics statistics = CallStatistics.read(registry);

        assertThat(statistics.latency()).isEmpty();
        assertThat(statistics.retries()).isZero();
        assertThat(statistics.bytesUp() + statistics.bytesDown()).isZero();
    }
}
