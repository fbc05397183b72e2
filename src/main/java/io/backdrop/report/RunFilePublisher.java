package io.backdrop.report;

import io.backdrop.storage.OutputBuckets;
import io.backdrop.storage.S3ClientFactory;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Publishes a file an execution writes about itself (results.csv, report.html) under the output:
 * written whole to the work folder first, then handed to the output bucket, which makes it
 * appear at once, so nobody opens half a report.
 */
public final class RunFilePublisher {

    /** Writes the file's text; the writer is closed by the publisher. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private final S3ClientFactory s3;
    private final Path workDirectory;

    public RunFilePublisher(S3ClientFactory s3, Path workDirectory) {
        this.s3 = s3;
        this.workDirectory = workDirectory;
    }

    /** @return the location written, as the output bucket names it */
    public String publish(String output, String name, String contentType, long executionId, Content content)
            throws IOException {
        String suffix = name.substring(name.lastIndexOf('.'));
        Path staged = Files.createTempFile(workDirectory, "backdrop-run-", suffix);
        try {
            try (Writer writer = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            return OutputBuckets.open(output, s3).write(name, staged, contentType,
                    Map.of("backdrop-execution-id", Long.toString(executionId)));
        } finally {
            Files.deleteIfExists(staged);
        }
    }
}
