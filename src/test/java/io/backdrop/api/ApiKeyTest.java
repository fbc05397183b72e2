package io.backdrop.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.api.CallObserver.Call;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The key's form, checked at start, and the one place where it is masked out of texts. */
class ApiKeyTest {

    /** A key with the characters that change under URL and JSON encoding. */
    private static final String KEY = "sk+live/9f2c=abc\"q";

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"sk-first\nsecond", "sk-first\rsecond", "sk first", "sk\u0000nul", "sk\u001b[31m", "sk-é-key",
            "sk\u00a0nbsp"})
    void aKeyOfTheWrongFormIsRefusedWithoutBeingShown(String key) {
        assertThatThrownBy(() -> ApiKey.of(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a key is one line of visible ASCII characters")
                .hasMessageNotContaining("first").hasMessageNotContaining("second").hasMessageNotContaining("nul");
    }

    @Test
    void theMessageNamesWhereTheKeyCameFrom() throws Exception {
        Path file = folder.resolve("key.txt");
        Files.writeString(file, "sk-a\u0001b\n");

        assertThatThrownBy(() -> ApiKey.fromFileOrEnvironment(null, "sk-a b"))
                .hasMessageStartingWith("ONEMIN_API_KEY: the API key contains a space (at character 5 of 6)");
        assertThatThrownBy(() -> ApiKey.fromFileOrEnvironment(file, null))
                .hasMessageStartingWith("the API key file " + file + ": the API key contains a control character");
        assertThat(ApiKey.of("  sk-ok-123\n").reveal()).isEqualTo("sk-ok-123");
        assertThatThrownBy(() -> ApiKey.of("k".repeat(1025))).hasMessageContaining("more than 1024");
    }

    @Test
    void everyFormOfTheKeyIsMasked() {
        ApiKey key = ApiKey.of(KEY);
        String urlEncoded = java.net.URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        String text = "raw " + KEY + " url " + urlEncoded + " lower " + urlEncoded.replace("%2F", "%2f")
                + " json " + KEY.replace("/", "\\/").replace("\"", "\\\"");

        String redacted = key.redact(text);

        assertThat(redacted).doesNotContain(KEY).doesNotContain(urlEncoded).doesNotContain("live%2f9f2c")
                .doesNotContain("live\\/9f2c").contains("raw ****").contains("url ****").contains("json ****");
        assertThat(key.appearsIn(text)).isTrue();
        assertThat(key.appearsIn(redacted)).isFalse();
        assertThat(key.redact(null)).isNull();
    }

    @Test
    void aServerEchoingTheKeyUrlEncodedHasItMasked() {
        ApiKey key = ApiKey.of(KEY);
        FailureClassifier classifier = new FailureClassifier(JsonMapper.builder().build(), new RetryAfter(Clock.systemUTC()), key);
        String echoed = "{\"message\":\"bad request for /api/features?key="
                + java.net.URLEncoder.encode(KEY, StandardCharsets.UTF_8) + "\"}";

        ApiException failure = classifier.answer(Call.FEATURE, 400, null, echoed.getBytes(StandardCharsets.UTF_8));

        assertThat(failure.getMessage()).contains("key=****").doesNotContain("live%2F9f2c");
    }
}
