package io.backdrop.api;

import static io.backdrop.api.Fixtures.SECRET;
import static io.backdrop.api.ScriptedApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.api.ApiException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OneMinClientUploadTest {

    private static final String ASSETS = "/api/assets";
    private static final String PATH = "images/2025_01_15_14_00_00_001_shoe.png";

    @RegisterExtension
    final ScriptedApiServer server = new ScriptedApiServer();



    @Test
    void sendsOneMultipartFilePartNamedAssetWithTheKeyAndReturnsTheAssetPath() {
        byte[] photo = Fixtures.png(64, 48);
        server.script(ASSETS, json(200, Fixtures.assetAnswer(PATH)));

        Attempted<String> uploaded = Fixtures.client(server.base(), 3)
                .upload(Fixtures.source("shoe.png", "image/png", photo, new AtomicInteger()));

        assertThat(uploaded.value()).isEqualTo(PATH);
        assertThat(uploaded.attempts()).isEqualTo(1);
        ScriptedApiServer.Received request = server.received(ASSETS).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("API-KEY")).isEqualTo(SECRET);
        String contentType = request.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data").contains("boundary=");

        Part part = onlyPart(request.body(), boundaryOf(contentType));
        assertThat(part.headers().get("content-disposition"))
                .contains("form-data").contains("name=\"asset\"").contains("filename=\"shoe.png\"");
        assertThat(part.headers().get("content-type")).isEqualTo("image/png");
        assertThat(part.content()).isEqualTo(photo);
    }

    @Test
    void declaresTheExactBodyLength() {
        byte[] photo = Fixtures.png(16, 16);
        server.script(ASSETS, json(200, Fixtures.assetAnswer(PATH)));

        Fixtures.client(server.base(), 1).upload(Fixtures.source("a.png", "image/png", photo, new AtomicInteger()));

        ScriptedApiServer.Received request = server.received(ASSETS).get(0);
        assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(request.body().length));
    }

    @Test
    void fallsBackToTheAssetKeyWhenTheAnswerHasNoFileContent() {
        server.script(ASSETS, json(200, """
                {"asset": {"key": "images/only-the-key.webp", "mimetype": "image/webp", "size": null}}
                """));

        Attempted<String> uploaded = Fixtures.client(server.base(), 1)
                .upload(Fixtures.source("a.webp", "image/webp", new byte[] {1, 2, 3}, new AtomicInteger()));

        assertThat(uploaded.value()).isEqualTo("images/only-the-key.webp");
    }

    @Test
    void reopensTheSourceForEveryAttemptSoARetrySendsTheWholeFileAgain() {
        byte[] photo = Fixtures.png(40, 40);
        AtomicInteger opens = new AtomicInteger();
        server.script(ASSETS, json(503, "{\"message\":\"busy\"}"), json(200, Fixtures.assetAnswer(PATH)));

        Attempted<String> uploaded = Fixtures.client(server.base(), 3)
                .upload(Fixtures.source("shoe.png", "image/png", photo, opens));

        assertThat(uploaded.attempts()).isEqualTo(2);
        assertThat(opens).hasValue(2);
        for (ScriptedApiServer.Received request : server.received(ASSETS)) {
            assertThat(onlyPart(request.body(), boundaryOf(request.header("Content-Type"))).content()).isEqualTo(photo);
        }
    }

    @Test
    void anUnreadableSourceFailsTheRowWithoutAnyRequest() {
        UploadSource missing = new UploadSource("gone.png", "image/png", 10, () -> {
            throw new java.nio.file.NoSuchFileException("/photos/gone.png");
        });

        assertThatThrownBy(() -> Fixtures.client(server.base(), 3).upload(missing))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(failure.attempts()).isEqualTo(1);
                    assertThat(failure.getMessage()).contains("gone.png");
                });
        assertThat(server.received(ASSETS)).isEmpty();
    }

    @Test
    void anAnswerWithoutAnyPathIsRetriedAsMalformed() {
        server.script(ASSETS, json(200, "{\"asset\": {}}"));

        assertThatThrownBy(() -> Fixtures.client(server.base(), 2)
                .upload(Fixtures.source("a.png", "image/png", new byte[] {1}, new AtomicInteger())))
                .isInstanceOfSatisfying(ApiException.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(failure.attempts()).isEqualTo(2);
                });
    }

    private record Part(Map<String, String> headers, byte[] content) {
    }

    private static String boundaryOf(String contentType) {
        Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        assertThat(boundary.find()).as("boundary in %s", contentType).isTrue();
        return boundary.group(1);
    }

    /** Reads a multipart body with exactly one part, byte for byte (ISO-8859-1 maps bytes 1:1 to chars). */
    private static Part onlyPart(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        assertThat(text).startsWith(delimiter + "\r\n").endsWith("\r\n" + delimiter + "--\r\n");
        String inner = text.substring(delimiter.length() + 2, text.length() - (delimiter.length() + 6));
        assertThat(inner).doesNotContain(delimiter);
        int headerEnd = inner.indexOf("\r\n\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : inner.substring(0, headerEnd).split("\r\n")) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
        }
        byte[] content = Arrays.copyOfRange(body, delimiter.length() + 2 + headerEnd + 4,
                delimiter.length() + 2 + inner.length());
        return new Part(headers, content);
    }
}
