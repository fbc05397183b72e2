package io.backdrop.api;

import static io.backdrop.api.Fixtures.SECRET;
import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.api.ApiException.Kind;
import io.backdrop.model.TeamCredits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OneMinClientFeatureTest {

    private static final String FEATURES = "/api/features";

    /** The seed's own example request. */
    private static final PromptObject SEED_PROMPT = new PromptObject(
            "development/images/2025_12_04_18_03_51_184_cat.png",
            "professional studio background with soft gray gradient, subtle lighting from top-left, minimalist and clean aesthetic",
            "1024x1024", "high", "auto");

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();



    @Test
    void sendsExactlyTheSeedsBodyWithTheKeyAndJsonContentType() {
        server.script(FEATURES, json(200, Fixtures.seedFeatureAnswer().toString()));

        Fixtures.client(server.base(), 1).replaceBackground(SEED_PROMPT);

        ScriptedApiServer.Received request = server.received(FEATURES).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("API-KEY")).isEqualTo(SECRET);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode sent = Fixtures.JSON.readTree(request.body());
        JsonNode seed = Fixtures.JSON.readTree(Fixtures.resource("seed-feature-request.json"));
        assertThat(sent).isEqualTo(seed);
    }

    @Test
    void leavesOutABackgroundThatWasNotGivenSoTheApiAppliesItsDefault() {
        server.script(FEATURES, json(200, Fixtures.seedFeatureAnswer().toString()));

        Fixtures.client(server.base(), 1).replaceBackground(
                new PromptObject("images/a.png", "a beach", "1024x1024", "low", null));

        JsonNode promptObject = Fixtures.JSON.readTree(server.received(FEATURES).get(0).body()).get("promptObject");
        assertThat(promptObject.has("background")).isFalse();
        assertThat(promptObject.get("quality").stringValue()).isEqualTo("low");
    }

    @Test
    void readsTheSeedsDocumentedAnswer() {
        server.script(FEATURES, json(200, Fixtures.resource("seed-feature-response.json")));

        Attempted<FeatureResponse.AiRecord> called = Fixtures.client(server.base(), 1).replaceBackground(SEED_PROMPT);

        FeatureResponse.AiRecord record = called.value();
        assertThat(called.attempts()).isEqualTo(1);
        assertThat(record.uuid()).isEqualTo("b1g2r3m4-v5e6-7890-abcd-ef1234567890");
        assertThat(record.status()).isEqualTo("SUCCESS");
        assertThat(record.model()).isEqualTo("gpt-image-2");
        assertThat(record.type()).isEqualTo("BACKGROUND_REPLACER");
        assertThat(record.aiRecordDetail().resultObject())
                .containsExactly("development/images/2025_01_15_14_00_30_001_background_replaced.png");
        assertThat(record.aiRecordDetail().promptObject()).isEqualTo(SEED_PROMPT);
        assertThat(record.temporaryUrl())
                .startsWith("https://s3.us-east-1.amazonaws.com/asset.1min.ai/development/images/")
                .contains("X-Amz-Expires=604800");
        assertThat(record.credits()).isEqualTo(new TeamCredits(100_000_000L, 250_000L));
    }

    /** A teamUser Backdrop cannot read costs its figures, never the paid result: one attempt, the record kept. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "absent                                                  | none      | none",
            "null                                                    | none      | none",
            "\"oops\"                                                | none      | none",
            "[1, 2]                                                  | none      | none",
            "{}                                                      | none      | none",
            "{\"creditLimit\": \"lots\", \"usedCredit\": 1.5}          | none      | none",
            "{\"creditLimit\": -5, \"usedCredit\": {\"n\": 1}}          | none      | none",
            "{\"creditLimit\": 1e30, \"usedCredit\": 7}               | none      | 7",
            "{\"creditLimit\": \" 5000 \", \"usedCredit\": 2000.0}     | 5000      | 2000",
            "{\"creditLimit\": 5000}                                  | 5000      | none"})
    void anUnreadableTeamUserIsNotReportedAndTheResultStands(String teamUser, Long limit, Long used) {
        ObjectNode answer = Fixtures.seedFeatureAnswer();
        ObjectNode record = Fixtures.aiRecordOf(answer);
        record.remove("teamUser");
        String body = teamUser.equals("absent") ? answer.toString()
                : answer.toString().replaceFirst("\"aiRecord\":\\{", "\"aiRecord\":{\"teamUser\":"
                        + java.util.regex.Matcher.quoteReplacement(teamUser) + ",");
        server.script(FEATURES, json(200, body));

        Attempted<FeatureResponse.AiRecord> called = Fixtures.client(server.base(), 3).replaceBackground(SEED_PROMPT);

        assertThat(called.attempts()).isEqualTo(1);
        assertThat(called.value().status()).isEqualTo("SUCCESS");
        assertThat(called.value().credits()).isEqualTo(new TeamCredits(limit, used));
    }

    @Test
    void aRecordThatDidNotSucceedFailsTheRowWithItsStatusAndIsNotPaidForTwice() {
        ObjectNode answer = Fixtures.seedFeatureAnswer();
        Fixtures.aiRecordOf(answer).put("status", "FAILED");
        server.script(FEATURES, json(200, answer.toString()));

        assertPermanentAfterOneCall(Fixtures.client(server.base(), 5), "aiRecord.status FAILED");
    }

    @Test
    void aRecordWithoutResultFailsTheRow() {
        ObjectNode answer = Fixtures.seedFeatureAnswer();
        ((ObjectNode) Fixtures.aiRecordOf(answer).get("aiRecordDetail")).putArray("resultObject");
        server.script(FEATURES, json(200, answer.toString()));

        assertPermanentAfterOneCall(Fixtures.client(server.base(), 5), "no result");
    }

    @Test
    void aRecordWithoutTemporaryUrlFailsTheRow() {
        ObjectNode answer = Fixtures.seedFeatureAnswer();
        Fixtures.aiRecordOf(answer).remove("temporaryUrl");
        server.script(FEATURES, json(200, answer.toString()));

        assertPermanentAfterOneCall(Fixtures.client(server.base(), 5), "temporaryUrl");
    }

    @Test
    void anAnswerWithoutRecordFailsTheRow() {
        server.script(FEATURES, json(200, "{\"something\": \"else\"}"));

        assertPermanentAfterOneCall(Fixtures.client(server.base(), 5), "no aiRecord");
    }

    @Test
    void aMalformedAnswerIsTransient() {
        String seed = Fixtures.resource("seed-feature-response.json");
        server.script(FEATURES, json(200, seed.substring(0, seed.length() / 2)));

        assertThatThrownBy(() -> Fixtures.client(server.base(), 2).replaceBackground(SEED_PROMPT))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(failure.getMessage()).contains("malformed JSON");
                    assertThat(failure.attempts()).isEqualTo(2);
                });
        assertThat(server.received(FEATURES)).hasSize(2);
    }

    private void assertPermanentAfterOneCall(OneMinClient client, String reason) {
        assertThatThrownBy(() -> client.replaceBackground(SEED_PROMPT))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains(reason);
                    assertThat(failure.attempts()).isEqualTo(1);
                });
        assertThat(server.received(FEATURES)).hasSize(1);
    }
}
