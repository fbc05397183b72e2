package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Locations as users write them, and which store reads them. */
class SourcesTest {

    private static final URI MANIFEST = URI.create("s3://catalog/themes/summer/manifest.csv");

    @TempDir
    Path temp;

    @Test
    void relativeImageOfAnS3ManifestResolvesAgainstItsPrefix() {
        assertThat(Sources.resolve(MANIFEST, "img/x.png")).isEqualTo(URI.create("s3://catalog/themes/summer/img/x.png"));
        assertThat(Sources.resolve(MANIFEST, "x.png")).isEqualTo(URI.create("s3://catalog/themes/summer/x.png"));
        assertThat(Sources.resolve(MANIFEST, "./img/../x.png")).isEqualTo(URI.create("s3://catalog/themes/summer/x.png"));
        assertThat(Sources.resolve(MANIFEST, "../winter/x.png")).isEqualTo(URI.create("s3://catalog/themes/winter/x.png"));
        assertThat(Sources.resolve(MANIFEST, "/shared/x.png")).isEqualTo(URI.create("s3://catalog/shared/x.png"));
        assertThat(Sources.resolve(URI.create("s3://catalog/manifest.csv"), "x.png")).isEqualTo(URI.create("s3://catalog/x.png"));
    }

    @Test
    void imageKeysInAnS3ManifestAreTakenLiterally() {
        URI resolved = Sources.resolve(MANIFEST, "img/red shoe #2 (50%).png");

        assertThat(S3Location.of(resolved)).isEqualTo(new S3Location("catalog", "themes/summer/img/red shoe #2 (50%).png"));
        assertThat(Sources.display(resolved)).isEqualTo("s3://catalog/themes/summer/img/red shoe #2 (50%).png");
    }

    @Test
    void absoluteLocationsInAManifestStayAsTheyAre() {
        assertThat(Sources.resolve(MANIFEST, "s3://other/a b.png")).isEqualTo(new S3Location("other", "a b.png").toUri());
        assertThat(Sources.resolve(MANIFEST, "https://cdn.example/p/x.png")).isEqualTo(URI.create("https://cdn.example/p/x.png"));
    }

    @Test
    void typedS3LocationKeepsTheKeyLiterally() {
        URI located = Sources.locate("s3://catalog/in/my photo%20.png");

        assertThat(S3Location.of(located).key()).isEqualTo("in/my photo%20.png");
        assertThat(Sources.display(located)).isEqualTo("s3://catalog/in/my photo%20.png");
    }

    @Test
    void localFilesAreReadWithoutEverAskingForAnS3Client() throws Exception {
        Path manifest = Files.writeString(temp.resolve("manifest.csv"), "id,image\n");
        Files.write(temp.resolve("x.png"), new byte[] {1, 2, 3});
        AtomicInteger asked = new AtomicInteger();
        Supplier<S3Client> s3 = () -> {
            asked.incrementAndGet();
            throw new IllegalStateException("no S3 client should be built for local files");
        };
        Sources sources = Sources.standard(s3);

        URI image = Sources.resolve(Sources.locate(manifest.toString()), "x.png");
        assertThat(sources.size(image)).isEqualTo(3);
        try (InputStream in = sources.open(image)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(asked).hasValue(0);
    }
}
