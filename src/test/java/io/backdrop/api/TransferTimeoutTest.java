package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.bytes;
import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads and downloads are held to the transfer timeout, the feature call to the read timeout.
 * The read timeout here is an hour: a transfer that waited for it would trip the test's own limit,
 * which runs each test in a thread of its own so that a test blocked in a socket read fails rather than hangs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransferTimeoutTest {

    private static final String ASSETS = "/api/assets";
    private static final String FEATURES = "/api/features";
    private static final String RESULT = "/asset.1min.ai/development/images/result.png";
    private static final String PATH = "images/2025_01_15_14_00_00_001_shoe.png";
    /** Long enough that a retry's transfer on a busy machine never trips it, short enough for a test. */
    private static final Duration TRANSFER_LIMIT = Duration.ofSeconds(2);

    @TempDir
    Path output;

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();



    @Test
    void aStalledUploadIsCutOffAndTriedAgain() {
        server.script(ASSETS, server.hang(), json(200, Fixtures.assetAnswer(PATH)));

        Attempted<String> uploaded = client(TRANSFER_LIMIT)
                .upload(Fixtures.source("shoe.png", "image/png", Fixtures.png(64, 48), new AtomicInteger()));

        assertThat(uploaded.value()).isEqualTo(PATH);
        assertThat(uploaded.attempts()).isEqualTo(2);
    }

    @Test
    void anAnswerThatTricklesIsCutOffAtTheTransferTimeoutAndTriedAgain() {
        server.script(ASSETS, server.trickle(), json(200, Fixtures.assetAnswer(PATH)));

        Attempted<String> uploaded = client(TRANSFER_LIMIT)
                .upload(Fixtures.source("shoe.png", "image/png", Fixtures.png(64, 48), new AtomicInteger()));

        assertThat(uploaded.value()).isEqualTo(PATH);
        assertThat(uploaded.attempts()).isEqualTo(2);
    }

    @Test
    void aStalledDownloadIsCutOffAndTriedAgain() throws IOException {
        byte[] image = Fixtures.png(120, 80);
        server.script(RESULT, server.hang(), bytes(200, image));
        Path target = output.resolve("shoe.png");

        Attempted<Long> downloaded = client(TRANSFER_LIMIT).download(server.uri(RESULT), target);

        assertThat(downloaded.attempts()).isEqualTo(2);
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
    }

    @Test
    void aFeatureCallMayTakeLongerThanATransfer() {
        String answer = Fixtures.seedFeatureAnswer().toString();
        server.script(FEATURES, exchange -> {
            try {
                Thread.sleep(TRANSFER_LIMIT.multipliedBy(5).dividedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json(200, answer).send(exchange);
        });

        Attempted<FeatureResponse.AiRecord> generated = client(TRANSFER_LIMIT)
                .replaceBackground(new PromptObject(PATH, "a beach", "1024x1024", "low", "auto"));

        assertThat(generated.attempts()).isEqualTo(1);
        assertThat(generated.value().status()).isEqualTo(FeatureResponse.SUCCESS);
    }

    /** Two attempts per call, an hour for a feature call, {@code transferTimeout} for the rest. */
    private OneMinClient client(Duration transferTimeout) {
        ApiProperties fast = Fixtures.properties(server.base(), 2);
        return new OneMinClient(new ApiProperties(fast.baseUrl(), fast.connectTimeout(), Duration.ofHours(1), transferTimeout,
                fast.maxAttempts(), fast.initialBackoff(), fast.maxBackoff(), fast.maxRetryTime(), fast.maxDownloadBytes(),
                null), Fixtures.KEY, CallObserver.NONE);
    }
}
