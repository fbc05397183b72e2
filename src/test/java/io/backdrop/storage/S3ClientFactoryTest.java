package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** What the client built by S3ClientFactory sends, seen by a real HTTP server on 127.0.0.1. */
class S3ClientFactoryTest {

    private static final StaticCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("backdrop", "backdrop-secret"));

    private final RecordingS3Endpoint endpoint = new RecordingS3Endpoint();

    @TempDir
    Path temp;

    S3ClientFactoryTest() throws IOException {
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void explicitEndpointWinsAndAddressesTheBucketInThePath() throws Exception {
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_REGION", "eu-west-1");
        try (S3ClientFactory clients = new S3ClientFactory(endpoint.uri().toString(), environment, KEYS)) {
            assertThat(new S3SourceStore(clients).size(Sources.locate("s3://photos/catalog/shoe.png")))
                    .isEqualTo(RecordingS3Endpoint.HEAD_CONTENT_LENGTH);
        }

        RecordingS3Endpoint.Request request = endpoint.last();
        assertThat(request.method()).isEqualTo("HEAD");
        assertThat(request.rawPath()).isEqualTo("/photos/catalog/shoe.png");
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + endpoint.uri().getPort());
        assertThat(request.header("Authorization")).contains("/eu-west-1/s3/aws4_request");
    }

    @Test
    void endpointComesFromTheStandardVariablesWhenNoOptionIsGiven() {
        Map<String, String> both = Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000", "AWS_ENDPOINT_URL", "http://127.0.0.1:9001");
        assertThat(new S3ClientFactory(null, both, KEYS).endpointOverride()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(new S3ClientFactory(" ", Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9001"), KEYS).endpointOverride())
                .contains(URI.create("http://127.0.0.1:9001"));
        assertThat(new S3ClientFactory("http://127.0.0.1:9002", both, KEYS).endpointOverride())
                .contains(URI.create("http://127.0.0.1:9002"));
        assertThat(new S3ClientFactory(null, Map.of(), KEYS).endpointOverride()).isEmpty();
    }

    @Test
    void aMalformedEndpointIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> new S3ClientFactory("not a url", Map.of(), KEYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--s3-endpoint 'not a url' is not an S3 endpoint");
        assertThatThrownBy(() -> new S3ClientFactory(null, Map.of("AWS_ENDPOINT_URL", "ftp://host"), KEYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AWS_ENDPOINT_URL 'ftp://host'");
    }

    @Test
    void endpointFromTheEnvironmentIsUsedWithPathStyle() throws Exception {
        try (S3ClientFactory clients = new S3ClientFactory(null, Map.of("AWS_ENDPOINT_URL_S3", endpoint.uri().toString()), KEYS)) {
            new S3OutputBucket(clients.get(), "s3://results").exists("sku-1.png");
        }

        assertThat(endpoint.last().rawPath()).isEqualTo("/results/sku-1.png");
    }

    @Test
    void regionComesFromAwsRegionElseFallsBackToUsEast1() {
        assertThat(new S3ClientFactory(null, Map.of("AWS_REGION", "ap-southeast-2"), KEYS).region())
                .isEqualTo(Region.AP_SOUTHEAST_2);
        assumeTrue(System.getenv("AWS_REGION") == null && System.getProperty("aws.region") == null
                        && !Files.exists(Path.of(System.getProperty("user.home"), ".aws", "config")),
                "this machine configures a region of its own");
        assertThat(new S3ClientFactory(null, Map.of(), KEYS).region()).isEqualTo(Region.US_EAST_1);
    }

    @Test
    void keysComeFromTheGivenVariablesBeforeTheDefaultChain() throws Exception {
        Map<String, String> environment = Map.of("AWS_ACCESS_KEY_ID", "key-from-variables",
                "AWS_SECRET_ACCESS_KEY", "secret-from-variables", "AWS_REGION", "eu-central-1");
        try (S3ClientFactory clients = S3ClientFactory.standard(endpoint.uri().toString(), environment)) {
            new S3SourceStore(clients).size(Sources.locate("s3://photos/shoe.png"));
        }

        assertThat(endpoint.last().header("Authorization"))
                .contains("Credential=key-from-variables/").contains("/eu-central-1/s3/aws4_request");
    }

    @Test
    void sessionTokenFromTheGivenVariablesIsSent() throws Exception {
        Map<String, String> environment = Map.of("AWS_ACCESS_KEY_ID", "temporary-key",
                "AWS_SECRET_ACCESS_KEY", "temporary-secret", "AWS_SESSION_TOKEN", "the-session");
        try (S3ClientFactory clients = S3ClientFactory.standard(endpoint.uri().toString(), environment)) {
            new S3SourceStore(clients).size(Sources.locate("s3://photos/shoe.png"));
        }

        assertThat(endpoint.last().header("x-amz-security-token")).isEqualTo("the-session");
    }

    @Test
    void buildsOneClientOnlyWhenAskedAndClosesIt() {
        try (S3ClientFactory clients = new S3ClientFactory(endpoint.uri().toString(), Map.of(), KEYS)) {
            assertThat(clients.get()).isSameAs(clients.get());
        }
        assertThat(endpoint.requests()).isEmpty();
    }

    /**
     * The compatibility promise for servers without the newest checksum features: a plain body,
     * exactly the file's bytes (no aws-chunked framing, no trailers), and the SHA-256 as a header.
     */
    @Test
    void putObjectSendsExactlyTheFileWithItsSha256AndMetadata() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(1).nextBytes(bytes);
        Path image = Files.write(temp.resolve("sku-1.png"), bytes);

        try (S3ClientFactory clients = new S3ClientFactory(endpoint.uri().toString(), Map.of(), KEYS)) {
            new S3OutputBucket(clients.get(), "s3://catalog/themes/summer")
                    .write("sku-1.png", image, "image/png", Map.of("backdrop-execution-id", "12", "backdrop-row", "3"));
        }

        RecordingS3Endpoint.Request put = endpoint.last();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.rawPath()).isEqualTo("/catalog/themes/summer/sku-1.png");
        assertThat(put.body()).isEqualTo(bytes);
        assertThat(put.header("Content-Type")).isEqualTo("image/png");
        assertThat(put.header("x-amz-checksum-sha256")).isEqualTo(Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(S3StorageContract.sha256(image))));
        assertThat(put.header("x-amz-meta-backdrop-execution-id")).isEqualTo("12");
        assertThat(put.header("x-amz-meta-backdrop-row")).isEqualTo("3");
        assertThat(put.header("Content-Encoding")).isNull();
        assertThat(put.header("x-amz-trailer")).isNull();
        assertThat(put.header("x-amz-decoded-content-length")).isNull();
        // Over plain http the payload is signed whole: its SHA-256, not a STREAMING-* chunk scheme.
        assertThat(put.header("x-amz-content-sha256")).isEqualTo(S3StorageContract.sha256(image));
    }

    @Test
    void accessDeniedIsAClearErrorNamingTheUri() throws Exception {
        endpoint.answerWith(403);
        Path image = Files.write(temp.resolve("a.png"), new byte[] {1, 2, 3});
        try (S3ClientFactory clients = new S3ClientFactory(endpoint.uri().toString(), Map.of(), KEYS)) {
            S3SourceStore store = new S3SourceStore(clients);
            URI secret = Sources.locate("s3://private/manifest.csv");
            S3OutputBucket output = new S3OutputBucket(clients.get(), "s3://private/out");

            assertThatThrownBy(() -> store.size(secret)).isExactlyInstanceOf(IOException.class)
                    .hasMessage("access denied: s3://private/manifest.csv");
            assertThatThrownBy(() -> store.open(secret)).isExactlyInstanceOf(IOException.class)
                    .hasMessage("access denied: s3://private/manifest.csv");
            assertThatThrownBy(() -> output.exists("a.png")).hasMessage("access denied: s3://private/out/a.png");
            assertThatThrownBy(() -> output.write("a.png", image, "image/png", Map.of()))
                    .hasMessage("access denied: s3://private/out/a.png");
        }
    }

    @Test
    void notFoundAnsweredByAnyServerIsSourceNotFound() {
        endpoint.answerWith(404);
        try (S3ClientFactory clients = new S3ClientFactory(endpoint.uri().toString(), Map.of(), KEYS)) {
            assertThatThrownBy(() -> new S3SourceStore(clients).open(Sources.locate("s3://photos/gone.png")))
                    .isInstanceOf(SourceNotFoundException.class)
                    .hasMessageContaining("s3://photos/gone.png");
        }
    }
}
