package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The output a user typed becomes a folder or an S3 prefix. */
class OutputBucketsTest {

    @TempDir
    Path temp;

    @Test
    void aPathIsALocalFolderAndNeedsNoS3Client() throws Exception {
        Supplier<S3Client> none = () -> {
            throw new IllegalStateException("no S3 client should be built for a local folder");
        };
        OutputBucket output = OutputBuckets.open(temp.resolve("out").toString(), none);

        assertThat(output).isInstanceOf(LocalOutputBucket.class);
        output.write("a.png", Files.write(temp.resolve("src.png"), new byte[] {7}), "image/png", Map.of());
        assertThat(temp.resolve("out/a.png")).hasBinaryContent(new byte[] {7});
    }

    @Test
    void anS3LocationIsAPrefixInItsBucket() {
        // Building a client sends nothing; these outputs are only asked where names go.
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build()) {
            assertThat(OutputBuckets.open("s3://catalog/themes/summer", () -> s3)).isInstanceOf(S3OutputBucket.class)
                    .extracting(output -> output.locationOf("runs/7/results.csv"))
                    .isEqualTo("s3://catalog/themes/summer/runs/7/results.csv");
            assertThat(OutputBuckets.open("s3://catalog/themes/summer/", () -> s3).locationOf("a.png"))
                    .isEqualTo("s3://catalog/themes/summer/a.png");
            assertThat(OutputBuckets.open("s3://catalog", () -> s3).locationOf("a.png")).isEqualTo("s3://catalog/a.png");
        }
    }

    @Test
    void namesMayNotClimbOutOfTheS3Prefix() {
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build()) {
            OutputBucket output = OutputBuckets.open("s3://catalog/themes", () -> s3);
            assertThatThrownBy(() -> output.exists("../secrets.png")).hasMessageContaining("outside the output prefix");
            assertThatThrownBy(() -> output.write("/a.png", temp, "image/png", Map.of()))
                    .hasMessageContaining("outside the output prefix");
        }
    }
}
