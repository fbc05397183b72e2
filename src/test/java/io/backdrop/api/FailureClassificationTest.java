package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.backdrop.api.ApiException.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Each way a feature call can go wrong, and what kind of failure it becomes (one attempt each, no retries). */
class FailureClassificationTest {

    private static final String FEATURES = "/api/features";
    private static final PromptObject PROMPT = new PromptObject("images/a.png", "a beach", "1024x1024", "low", "auto");

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();



    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"message\":\"bad request\"}              | PERMANENT",
            "404 | {\"message\":\"not found\"}                | PERMANENT",
            "405 | ''                                         | PERMANENT",
            "413 | {\"message\":\"payload too large\"}        | PERMANENT",
            "422 | {\"message\":\"unprocessable\"}            | PERMANENT",
            "401 | {\"message\":\"Unauthorized\"}             | FATAL",
            "403 | {\"message\":\"Forbidden\"}                | FATAL",
            "402 | ''                                         | FATAL",
            "400 | {\"message\":\"Insufficient credits\"}     | FATAL",
            "403 | {\"error\":\"INSUFFICIENT_BALANCE\"}        | FATAL",
            "429 | {\"message\":\"Too many requests\"}        | TRANSIENT",
            "408 | ''                                         | TRANSIENT",
            "500 | {\"message\":\"Internal server error\"}    | TRANSIENT",
            "502 | <html>Bad Gateway</html>                   | TRANSIENT",
            "503 | ''                                         | TRANSIENT",
            "504 | <html>Gateway Timeout</html>               | TRANSIENT",
    })
    void statusBecomesKind(int status, String body, Kind expected) {
        server.script(FEATURES, json(status, body));

        ApiException failure = callOnce();

        assertThat(failure.kind()).isEqualTo(expected);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.received(FEATURES)).hasSize(1);
    }

    @Test
    void aPermanentFailureCarriesTheServersMessage() {
        server.script(FEATURES, json(400, """
                {"statusCode": 400, "message": "size 1000x1000: width and height must both be divisible by 16"}
                """));

        assertThat(callOnce().getMessage())
                .isEqualTo("HTTP 400: size 1000x1000: width and height must both be divisible by 16");
    }

    @Test
    void aRefusedKeySaysWhatToFix() {
        server.script(FEATURES, json(401, "{\"message\":\"Unauthorized\"}"));

        assertThat(callOnce().getMessage())
                .isEqualTo("the API key was refused (HTTP 401): check ONEMIN_API_KEY or --api-key-file");
    }

    @Test
    void spentCreditsSayWhatToFix() {
        server.script(FEATURES, json(402, "{\"message\":\"Payment required\"}"));

        assertThat(callOnce().getMessage())
                .isEqualTo("the account has run out of credits (HTTP 402): top up, then restart the job");
    }

    @Test
    void retryAfterInSeconds() {
        server.script(FEATURES, json(429, "{\"message\":\"slow down\"}", "Retry-After", "7"));

        ApiException failure = callOnce();

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        server.script(FEATURES, json(429, "{}", "Retry-After", "Wed, 15 Jan 2025 14:00:42 GMT"));
        Clock now = Clock.fixed(Instant.parse("2025-01-15T14:00:00Z"), ZoneOffset.UTC);
        OneMinClient client = new OneMinClient(Fixtures.properties(server.base(), 1), Fixtures.KEY,
                CallObserver.NONE, now, RandomGenerator.getDefault());

        ApiException failure = catchThrowableOfType(ApiException.class, () -> client.replaceBackground(PROMPT));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(42));
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        URI nobodyListening;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobodyListening = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        ApiException failure = catchThrowableOfType(ApiException.class,
                () -> Fixtures.client(nobodyListening, 1).replaceBackground(PROMPT));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.httpStatus()).isZero();
        assertThat(failure.getMessage()).contains("connection refused");
        assertThat(failure.answerLost()).as("a connection never made delivered nothing").isFalse();
    }

    /**
     * A connection that timed out before it was made delivered nothing either, so its call is not in
     * doubt; a timeout while waiting for the answer may come after the server had the request.
     */
    @Test
    void aConnectTimeoutLosesNoAnswerAndAReadTimeoutMay() {
        FailureClassifier classifier = new FailureClassifier(JsonMapper.builder().build(),
                new RetryAfter(Clock.systemUTC()), Fixtures.KEY);

        ApiException connect = classifier.transport(new ConnectTimeoutException("Connect to 10.0.0.1:443 timed out"));
        ApiException read = classifier.transport(new SocketTimeoutException("Read timed out"));

        assertThat(connect.getMessage()).isEqualTo("connection timed out");
        assertThat(connect.answerLost()).isFalse();
        assertThat(read.getMessage()).isEqualTo("timed out waiting for the answer");
        assertThat(read.answerLost()).isTrue();
    }

    @Test
    void aDroppedConnectionIsTransient() {
        server.script(FEATURES, ScriptedApiServer.drop());

        ApiException failure = callOnce();

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.httpStatus()).isZero();
        assertThat(failure.answerLost()).as("the server had the request").isTrue();
    }

    @Test
    void aTimeoutIsTransient() {
        server.script(FEATURES, server.hang());
        ApiProperties fast = Fixtures.properties(server.base(), 1);
        ApiProperties impatient = Fixtures.properties(fast.baseUrl(), fast.connectTimeout(), Duration.ofMillis(200),
                1, fast.initialBackoff(), fast.maxBackoff(), fast.maxRetryTime(), fast.maxDownloadBytes());

        ApiException failure = catchThrowableOfType(ApiException.class,
                () -> new OneMinClient(impatient, Fixtures.KEY, CallObserver.NONE).replaceBackground(PROMPT));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.getMessage()).contains("timed out");
    }

    private ApiException callOnce() {
        return catchThrowableOfType(ApiException.class,
                () -> Fixtures.client(server.base(), 1).replaceBackground(PROMPT));
    }
}
