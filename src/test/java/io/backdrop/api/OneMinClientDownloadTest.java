package io.backdrop.api;

import static io.backdrop.api.ScriptedApiServer.bytes;
import static io.backdrop.api.ScriptedApiServer.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.api.ApiException.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OneMinClientDownloadTest {

    private static final String RESULT = "/asset.1min.ai/development/images/result.png";

    @TempDir
    Path output;

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();
    private URI presigned;

    @BeforeEach
    void start() throws IOException {
        presigned = server.uri(RESULT + "?X-Amz-Expires=604800&X-Amz-Signature=example");
    }


    @Test
    void streamsTheImageToTheTargetWithoutTheApiKey() throws IOException {
        byte[] image = Fixtures.png(300, 200);
        server.script(RESULT, bytes(200, image));
        Path target = output.resolve("shoe.png");
        Files.writeString(target, "an older result");

        Attempted<Long> downloaded = Fixtures.client(server.base(), 3).download(presigned, target);

        assertThat(downloaded.value()).isEqualTo(image.length);
        assertThat(downloaded.attempts()).isEqualTo(1);
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
        ScriptedApiServer.Received request = server.received(RESULT).get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.header("API-KEY")).isNull();
    }

    @Test
    void somethingThatIsNotAnImageFailsTheRowAndLeavesNoFile() {
        server.script(RESULT, bytes(200, "<Error><Code>AccessDenied</Code></Error>".getBytes(StandardCharsets.UTF_8)));
        Path target = output.resolve("shoe.png");

        assertThatThrownBy(() -> Fixtures.client(server.base(), 3).download(presigned, target))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).isEqualTo("result is not an image");
                    assertThat(failure.attempts()).isEqualTo(1);
                });
        assertThat(target).doesNotExist();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsTransientAndLeavesNoFile() {
        byte[] image = Fixtures.png(300, 200);
        server.script(RESULT, truncated(image.length, Arrays.copyOf(image, image.length / 2)));
        Path target = output.resolve("shoe.png");

        assertThatThrownBy(() -> Fixtures.client(server.base(), 1).download(presigned, target))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(failure.getMessage()).contains("truncated");
                });
        assertThat(target).doesNotExist();
    }

    @Test
    void aTruncatedDownloadIsFetchedAgain() throws IOException {
        byte[] image = Fixtures.png(300, 200);
        server.script(RESULT, truncated(image.length, Arrays.copyOf(image, 100)), bytes(200, image));
        Path target = output.resolve("shoe.png");

        Attempted<Long> downloaded = Fixtures.client(server.base(), 3).download(presigned, target);

        assertThat(downloaded.attempts()).isEqualTo(2);
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
    }

    @Test
    void aResultOverTheCapFailsTheRow() {
        server.script(RESULT, bytes(200, Fixtures.png(300, 200)));
        ApiProperties base = Fixtures.properties(server.base(), 3);
        ApiProperties capped = Fixtures.properties(base.baseUrl(), base.connectTimeout(), base.readTimeout(),
                base.maxAttempts(), base.initialBackoff(), base.maxBackoff(), base.maxRetryTime(), 64);
        Path target = output.resolve("shoe.png");

        assertThatThrownBy(() -> new OneMinClient(capped, Fixtures.KEY, CallObserver.NONE).download(presigned, target))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.getMessage()).contains("larger than 64 bytes");
                });
        assertThat(target).doesNotExist();
    }

    @Test
    void aRefusedLinkFailsTheRowButDoesNotBlameTheKey() {
        server.script(RESULT, bytes(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                .getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> Fixtures.client(server.base(), 3).download(presigned, output.resolve("x.png")))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.httpStatus()).isEqualTo(403);
                    assertThat(failure.getMessage()).contains("expired").doesNotContain("API key");
                });
    }

    @Test
    void aServerErrorOnDownloadIsRetried() throws IOException {
        byte[] image = Fixtures.png(20, 20);
        server.script(RESULT, bytes(503, new byte[0]), bytes(200, image));
        Path target = output.resolve("shoe.png");

        assertThat(Fixtures.client(server.base(), 3).download(presigned, target).attempts()).isEqualTo(2);
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
    }

    @Test
    void aTargetThatCannotBeWrittenIsTheMachinesFailureNotTheApis() {
        server.script(RESULT, bytes(200, Fixtures.png(20, 20)));
        Path nowhere = output.resolve("missing-folder").resolve("shoe.png");

        assertThatThrownBy(() -> Fixtures.client(server.base(), 3).download(presigned, nowhere))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot write the result");
        assertThat(server.received(RESULT)).hasSize(1);
    }
}
