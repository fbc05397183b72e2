package io.backdrop.storage;

import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/** Opens the output location a user typed: an S3 prefix or a local folder. */
public final class OutputBuckets {

    private OutputBuckets() {
    }

    /** {@code s3://bucket/prefix} publishes to S3 (building the client only then); anything else is a folder. */
    public static OutputBucket open(String output, Supplier<S3Client> s3) {
        if (S3Location.isS3(output)) {
            return new S3OutputBucket(s3.get(), S3Location.parse(output));
        }
        return new LocalOutputBucket(Path.of(output));
    }
}
