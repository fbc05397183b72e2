package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backdrop.api.ApiException.Kind;
import io.backdrop.api.CallObserver.Call;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which failures the client tries again, how often, and what it tells its observer. */
class RetryPolicyTest {

    private static final String FEATURES = "/api/features";
    private static final PromptObject PROMPT = new PromptObject("images/a.png", "a beach", "1024x1024", "low", "auto");

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CallObserver observer = new CallObserver() {
        @Override
        public void attempt(Call call, int attempt, FailureCause retriedAfter, Duration latency, ApiException failure,
                            long bytes) {
            seen.add(call + " #" + attempt + (retriedAfter == null ? "" : " after " + retriedAfter.tag()) + " "
                    + (failure == null ? "ok " + bytes : failure.kind()));
        }
    };



    @Test
    void transientFailuresAreRetriedToSuccess() {
        String answer = Fixtures.resource("seed-feature-response.json");
        server.script(FEATURES,
                json(503, "{\"message\":\"overloaded\"}"),
                json(429, "{\"message\":\"slow down\"}", "Retry-After", "0"),
                json(200, answer));

        Attempted<FeatureResponse.AiRecord> called = client(5).replaceBackground(PROMPT);

        assertThat(called.attempts()).isEqualTo(3);
        assertThat(called.value().status()).isEqualTo("SUCCESS");
        assertThat(server.received(FEATURES)).hasSize(3);
        assertThat(seen).containsExactly("FEATURE #1 TRANSIENT", "FEATURE #2 after 5xx TRANSIENT",
                "FEATURE #3 after 429 ok " + answer.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        server.script(FEATURES, json(400, "{\"message\":\"prompt is too long\"}"));

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client(5).replaceBackground(PROMPT));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.received(FEATURES)).hasSize(1);
        assertThat(seen).containsExactly("FEATURE #1 PERMANENT");
    }

    @Test
    void aFatalFailureIsNeverRetried() {
        server.script(FEATURES, json(402, "{\"message\":\"Insufficient credits\"}"));

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client(5).replaceBackground(PROMPT));

        assertThat(failure.kind()).isEqualTo(Kind.FATAL);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.received(FEATURES)).hasSize(1);
    }

    @Test
    void attemptsAreBounded() {
        server.script(FEATURES, json(502, "{}"));

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client(3).replaceBackground(PROMPT));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.httpStatus()).isEqualTo(502);
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(server.received(FEATURES)).hasSize(3);
    }

    @Test
    void noRetryOnceTheNextWaitWouldPassTheTimeBudget() {
        server.script(FEATURES, json(503, "{}"));
        ApiProperties fast = Fixtures.properties(server.base(), 5);
        ApiProperties noBudget = Fixtures.properties(fast.baseUrl(), fast.connectTimeout(), fast.readTimeout(),
                5, Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(1), fast.maxDownloadBytes());

        ApiException failure = catchThrowableOfType(ApiException.class,
                () -> new OneMinClient(noBudget, Fixtures.KEY, observer).replaceBackground(PROMPT));

        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.received(FEATURES)).hasSize(1);
    }

    @Test
    void theKeyNeverAppearsInAFailure() {
        String echo = "{\"message\":\"invalid key " + Fixtures.SECRET + "\"}";
        for (int status : new int[] {400, 401, 402, 422, 429, 500}) {
            server.script(FEATURES, json(status, echo));

            ApiException failure = catchThrowableOfType(ApiException.class, () -> client(1).replaceBackground(PROMPT));

            assertThat(failure.getMessage()).as("HTTP %d", status).doesNotContain(Fixtures.SECRET);
            assertThat(failure.toString()).doesNotContain(Fixtures.SECRET);
        }
        assertThat(Fixtures.KEY.toString()).doesNotContain(Fixtures.SECRET);
    }

    @Test
    void theServersEchoOfTheKeyIsMasked() {
        server.script(FEATURES, json(400, "{\"message\":\"unknown image for key " + Fixtures.SECRET + "\"}"));

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client(1).replaceBackground(PROMPT));

        assertThat(failure.getMessage()).isEqualTo("HTTP 400: unknown image for key ****");
    }

    private OneMinClient client(int maxAttempts) {
        return new OneMinClient(Fixtures.properties(server.base(), maxAttempts), Fixtures.KEY, observer);
    }
}
