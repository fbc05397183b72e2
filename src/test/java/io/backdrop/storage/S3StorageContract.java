package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What Backdrop needs from an S3 server, run against each real server a subclass starts
 * (S3Mock and S3Proxy as processes, MinIO in a container).
 */
abstract class S3StorageContract {

    /** A client for the subclass's server, built by S3ClientFactory with its endpoint. */
    protected abstract S3Client s3();

    /** A bucket that exists on the server. */
    protected abstract String bucket();

    @TempDir
    Path temp;

    private String prefix;

    @BeforeEach
    void freshPrefix() {
        prefix = "runs/" + UUID.randomUUID();
    }

    @Test
    void writesAnObjectByteForByteWithContentTypeAndMetadata() throws Exception {
        // Larger than the SDK's and servers' internal buffers, so chunking would show.
        Path image = randomFile("photo.png", 700_000);
        S3OutputBucket output = new S3OutputBucket(s3(), "s3://" + bucket() + "/" + prefix);
        Map<String, String> metadata = Map.of("backdrop-execution-id", "42", "backdrop-row", "7", "backdrop-id", "sku-7");

        String written = output.write("sku-7.png", image, "image/png", metadata);

        assertThat(written).isEqualTo("s3://" + bucket() + "/" + prefix + "/sku-7.png").isEqualTo(output.locationOf("sku-7.png"));
        try (InputStream back = new S3SourceStore(this::s3).open(Sources.locate(written))) {
            assertThat(sha256(back)).isEqualTo(sha256(image));
        }
        HeadObjectResponse head = s3().headObject(request -> request.bucket(bucket()).key(prefix + "/sku-7.png"));
        assertThat(head.contentType()).isEqualTo("image/png");
        assertThat(head.contentLength()).isEqualTo(700_000);
        assertThat(head.metadata()).containsAllEntriesOf(metadata);
        HeadObjectResponse checksummed = s3().headObject(request -> request.bucket(bucket()).key(prefix + "/sku-7.png")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(checksummed.checksumSHA256()).isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(image))));
    }

    @Test
    void existsOnlyOnceWritten() throws Exception {
        S3OutputBucket output = new S3OutputBucket(s3(), "s3://" + bucket() + "/" + prefix);
        assertThat(output.exists("runs/1/results.csv")).isFalse();

        output.write("runs/1/results.csv", textFile("results.csv", "row,id\n1,a\n"), "text/csv", Map.of());

        assertThat(output.exists("runs/1/results.csv")).isTrue();
        assertThat(output.exists("runs/1/other.csv")).isFalse();
    }

    @Test
    void sourceStoreReportsSizeAndStreamsTheObject() throws Exception {
        Path image = randomFile("a.jpg", 123_457);
        new S3OutputBucket(s3(), "s3://" + bucket() + "/" + prefix).write("a.jpg", image, "image/jpeg", Map.of());
        URI location = Sources.locate("s3://" + bucket() + "/" + prefix + "/a.jpg");
        S3SourceStore store = new S3SourceStore(this::s3);

        assertThat(store.handles(location)).isTrue();
        assertThat(store.size(location)).isEqualTo(123_457);
        try (InputStream in = store.open(location)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(image));
        }
    }

    @Test
    void keysAreLiteralEvenWithSpacesAndHashes() throws Exception {
        Path image = randomFile("x.png", 1_000);
        String written = new S3OutputBucket(s3(), "s3://" + bucket() + "/" + prefix + "/my photos")
                .write("shoe #1.png", image, "image/png", Map.of());

        assertThat(written).isEqualTo("s3://" + bucket() + "/" + prefix + "/my photos/shoe #1.png");
        assertThat(s3().headObject(request -> request.bucket(bucket()).key(prefix + "/my photos/shoe #1.png")).contentLength())
                .isEqualTo(1_000);
        assertThat(new S3SourceStore(this::s3).size(Sources.locate(written))).isEqualTo(1_000);
    }

    @Test
    void missingObjectIsSourceNotFoundNamingTheUri() {
        URI missing = Sources.locate("s3://" + bucket() + "/" + prefix + "/missing.png");
        S3SourceStore store = new S3SourceStore(this::s3);

        assertThatThrownBy(() -> store.size(missing))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining("s3://" + bucket() + "/" + prefix + "/missing.png");
        assertThatThrownBy(() -> store.open(missing))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining("s3://" + bucket() + "/" + prefix + "/missing.png");
    }

    @Test
    void missingBucketIsSourceNotFoundNamingTheUri() {
        URI missing = Sources.locate("s3://no-such-bucket-" + UUID.randomUUID() + "/manifest.csv");
        S3SourceStore store = new S3SourceStore(this::s3);

        assertThatThrownBy(() -> store.size(missing))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> store.open(missing))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void relativeImageOfAnS3ManifestIsReadFromTheManifestsPrefix() throws Exception {
        S3OutputBucket upload = new S3OutputBucket(s3(), "s3://" + bucket() + "/" + prefix);
        upload.write("manifest.csv", textFile("manifest.csv", "id,image\nshoe,img/shoe.png\n"), "text/csv", Map.of());
        Path image = randomFile("shoe.png", 5_000);
        upload.write("img/shoe.png", image, "image/png", Map.of());
        Sources sources = Sources.standard(this::s3);

        URI manifest = Sources.locate("s3://" + bucket() + "/" + prefix + "/manifest.csv");
        URI resolved = Sources.resolve(manifest, "img/shoe.png");

        assertThat(Sources.display(resolved)).isEqualTo("s3://" + bucket() + "/" + prefix + "/img/shoe.png");
        assertThat(sources.size(resolved)).isEqualTo(5_000);
        try (InputStream in = sources.open(resolved)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(image));
        }
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve(name), bytes);
    }

    private Path textFile(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text, StandardCharsets.UTF_8);
    }

    static String sha256(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
