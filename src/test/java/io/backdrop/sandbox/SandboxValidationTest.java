package io.backdrop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxValidationTest extends SandboxFixture {

    private String imageUrl;

    @BeforeEach
    void uploadPhoto() throws Exception {
        imageUrl = http.uploadPhoto();
    }

    @Test
    void callsWithoutAKeyAre401() throws Exception {
        HttpResponse<String> upload = http.upload(null, SandboxHttp.multipart("asset", "a.png", SandboxHttp.photo()));
        HttpResponse<String> feature = http.feature(null, SandboxHttp.featureBody(imageUrl, "x", "1024x1024", "low"));

        assertThat(upload.statusCode()).isEqualTo(401);
        assertThat(feature.statusCode()).isEqualTo(401);
        assertThat(http.read(feature).get("message").stringValue()).contains("API-KEY");
        assertThat(sandbox.stats().paidCalls()).isZero();
        assertThat(sandbox.stats().rejectedRequests()).isEqualTo(2);
    }

    @Test
    void aWrongKeyIs401AndIsNotEchoed() throws Exception {
        HttpResponse<String> feature = http.feature("wrong-key-999", SandboxHttp.featureBody(imageUrl, "x", "1024x1024", "low"));

        assertThat(feature.statusCode()).isEqualTo(401);
        assertThat(feature.body()).doesNotContain("wrong-key-999").doesNotContain(SandboxHttp.KEY);
    }

    @Test
    void withoutAConfiguredKeyAnyNonBlankKeyIsAccepted() throws Exception {
        try (SandboxServer open = SandboxServer.start(SandboxSettings.defaults())) {
            SandboxHttp client = new SandboxHttp(open.baseUrl());
            assertThat(client.upload("anything", SandboxHttp.multipart("asset", "a.png", SandboxHttp.photo())).statusCode()).isEqualTo(200);
            assertThat(client.upload(" ", SandboxHttp.multipart("asset", "a.png", SandboxHttp.photo())).statusCode()).isEqualTo(401);
        }
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bad size            | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"1000x1000","quality":"low"}}                    | size '1000x1000': width and height must both be divisible by 16
            too few pixels      | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"512x512","quality":"low"}}                      | at least 655360 pixels
            aspect              | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"3840x512","quality":"low"}}                     | size '3840x512'
            too many pixels     | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"2896x2896","quality":"low"}}                    | size '2896x2896': width x height must be at most 8294400 pixels
            edge                | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"4096x1024","quality":"low"}}                    | size '4096x1024': the longest edge must be at most 3840 px
            edge table ratio    | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"3840x864","quality":"low"}}                     | size '3840x864': the longest edge must be at most 3 times the shortest
            leading zero        | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"01024x1024","quality":"low"}}                   | size '01024x1024'
            size form           | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"big","quality":"low"}}                          | size 'big': must be WxH
            bad quality         | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"1024x1024","quality":"ultra"}}                  | quality 'ultra': must be low, medium or high
            bad background      | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"1024x1024","quality":"low","background":"transparent"}} | background 'transparent': must be auto or opaque
            unknown imageUrl    | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"images/nope.png","prompt":"p","size":"1024x1024","quality":"low"}}      | imageUrl 'images/nope.png': is not the path of an uploaded asset
            blank prompt        | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"  ","size":"1024x1024","quality":"low"}}                   | prompt: must not be blank
            missing quality     | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"1024x1024"}}                                    | quality: is required
            wrong model         | {"type":"BACKGROUND_REPLACER","model":"gpt-image-1","promptObject":{"imageUrl":"@","prompt":"p","size":"1024x1024","quality":"low"}}                    | model '"gpt-image-1"': must be gpt-image-2
            wrong type          | {"type":"TEXT_TO_IMAGE","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"1024x1024","quality":"low"}}                          | must be BACKGROUND_REPLACER
            unknown field       | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":"1024x1024","quality":"low","n":2}}              | unknown field 'n'
            no promptObject     | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2"}                                                                                                      | promptObject: is required
            number as size      | {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"@","prompt":"p","size":1024,"quality":"low"}}                           | size '1024': must be a string
            not JSON            | {"type":                                                                                                                                                  | not valid JSON
            array               | []                                                                                                                                                        | must be a JSON object
            """)
    void invalidFeatureCallsAre400WithTheRule(String name, String body, String message) throws Exception {
        HttpResponse<String> response = http.feature(SandboxHttp.KEY, body.replace("\"@\"", "\"" + imageUrl + "\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.read(response).get("message").stringValue()).contains(message);
        assertThat(sandbox.stats().featureCalls()).isZero();
    }

    @Test
    void aPromptOfMoreThan4000CharactersIs400AndOf4000Is200() throws Exception {
        HttpResponse<String> tooLong = http.feature(imageUrl, "a".repeat(4001), "1024x1024", "low");
        HttpResponse<String> longest = http.feature(imageUrl, "a".repeat(4000), "1024x1024", "low");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(http.read(tooLong).get("message").stringValue()).contains("at most 4000 characters");
        assertThat(longest.statusCode()).isEqualTo(200);
    }

    @Test
    void backgroundIsOptionalAndOpaqueAccepted() throws Exception {
        String noBackground = """
                {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"%s","prompt":"p","size":"1024x640","quality":"low"}}
                """.formatted(imageUrl);
        String opaque = noBackground.replace("\"low\"", "\"low\",\"background\":\"opaque\"");

        HttpResponse<String> defaulted = http.feature(SandboxHttp.KEY, noBackground);
        assertThat(defaulted.statusCode()).isEqualTo(200);
        assertThat(http.read(defaulted).get("aiRecord").get("aiRecordDetail").get("promptObject").get("background").stringValue())
                .isEqualTo("auto");
        assertThat(http.feature(SandboxHttp.KEY, opaque).statusCode()).isEqualTo(200);
    }

    @Test
    void aFeatureCallMustBeJson() throws Exception {
        HttpResponse<String> response = http.send(http.request("/api/features").header("API-KEY", SandboxHttp.KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(SandboxHttp.featureBody(imageUrl, "p", "1024x1024", "low"))).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.read(response).get("message").stringValue()).contains("application/json");
    }

    @Test
    void aNonImageAssetUploadsButCannotBeUsedAsImageUrl() throws Exception {
        HttpResponse<String> upload = http.upload("just text".getBytes(StandardCharsets.UTF_8), "notes.png");
        String path = http.read(upload).get("fileContent").get("path").stringValue();

        HttpResponse<String> feature = http.feature(path, "p", "1024x1024", "low");

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(feature.statusCode()).isEqualTo(400);
        assertThat(http.read(feature).get("message").stringValue()).contains("is not a PNG, JPEG or WebP image");
    }

    @Test
    void aWrongMultipartFieldNameIs400NamingIt() throws Exception {
        HttpResponse<String> response = http.upload(SandboxHttp.KEY, SandboxHttp.multipart("file", "a.png", SandboxHttp.photo()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.read(response).get("message").stringValue()).contains("'file'").contains("'asset'");
        assertThat(sandbox.stats().uploads()).isEqualTo(1);
    }

    @Test
    void anAssetFieldWithoutAFileIs400() throws Exception {
        byte[] body = ("--" + SandboxHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"asset\"\r\n\r\nhello\r\n--"
                + SandboxHttp.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = http.upload(SandboxHttp.KEY, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.read(response).get("message").stringValue()).contains("must be a file");
    }

    @Test
    void twoAssetFieldsAre400AndAnEmptyFormIs400() throws Exception {
        String part = "--" + SandboxHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"asset\"; filename=\"a.png\"\r\n\r\nx\r\n";
        String closing = "--" + SandboxHttp.BOUNDARY + "--\r\n";
        byte[] two = (part + part + closing).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> twice = http.upload(SandboxHttp.KEY, two);
        HttpResponse<String> empty = http.upload(SandboxHttp.KEY, closing.getBytes(StandardCharsets.UTF_8));

        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(http.read(twice).get("message").stringValue()).contains("more than one");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(http.read(empty).get("message").stringValue()).contains("missing file field 'asset'");
    }

    @Test
    void aBodyThatIsNotMultipartIs400() throws Exception {
        HttpResponse<String> response = http.send(http.request("/api/assets").header("API-KEY", SandboxHttp.KEY)
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(SandboxHttp.photo())).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.read(response).get("message").stringValue()).contains("multipart/form-data");
    }

    @Test
    void uploadsAreBinarySafeEvenWithBoundaryLikeBytesAndChunkedBodies() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(SandboxHttp.photo());
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        content.writeBytes(noise);
        content.writeBytes(("\r\n--" + SandboxHttp.BOUNDARY.substring(0, 10) + "\r\n\r\n--\r").getBytes(StandardCharsets.ISO_8859_1));
        content.writeBytes(new byte[] {0, (byte) 0xFF, '\r', '\n', '-', '-'});
        byte[] original = content.toByteArray();
        byte[] body = SandboxHttp.multipart("asset", "noisy.png", original);

        // No Content-Length: a streamed, chunked upload.
        HttpResponse<String> response = http.send(http.request("/api/assets").header("API-KEY", SandboxHttp.KEY)
                .header("Content-Type", "multipart/form-data; boundary=\"" + SandboxHttp.BOUNDARY + "\"")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.read(response).get("asset").get("size").asLong()).isEqualTo(original.length);
        byte[] stored = http.download(http.read(response).get("asset").get("location").stringValue()).body();
        assertThat(stored).isEqualTo(original);
    }

    @Test
    void anUploadOver50MegabytesIs413() throws Exception {
        long size = SandboxServer.MAX_UPLOAD_BYTES + 100_000;
        byte[] head = ("--" + SandboxHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"asset\"; filename=\"big.png\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = http.request("/api/assets").header("API-KEY", SandboxHttp.KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + SandboxHttp.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ZerosAfter(head, size))).build();

        HttpResponse<String> response = http.send(request);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(http.read(response).get("message").stringValue()).contains("upload limit");
    }

    @Test
    void theAdminStatsAnswerJson() throws Exception {
        HttpResponse<String> response = http.get("/sandbox/stats");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(http.read(response).get("uploads").asLong()).isEqualTo(1);
        assertThat(http.read(response).has("paidCallsByImageUrl")).isTrue();
    }

    /** A head, then zeros up to a total length, without holding them in memory. */
    private static final class ZerosAfter extends InputStream {
        private final byte[] head;
        private final long total;
        private long position;

        ZerosAfter(byte[] head, long contentLength) {
            this.head = head;
            this.total = head.length + contentLength;
        }

        @Override
        public int read() {
            if (position >= total) {
                return -1;
            }
            return position < head.length ? head[(int) position++] & 0xFF : zero();
        }

        private int zero() {
            position++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(length, total - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = position < head.length ? head[(int) position] : 0;
                position++;
            }
            return n;
        }
    }
}
