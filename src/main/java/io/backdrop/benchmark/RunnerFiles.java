package io.backdrop.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the thread-pool runner reads a catalog (its manifest and photos, by their paths relative to
 * the manifest) and writes its results: local folders, or prefixes of an S3 bucket.
 */
interface RunnerFiles {

    /** The bytes at {@code path}, relative to the catalog's folder. */
    byte[] read(String path) throws IOException;

    /** Writes one result under {@code name} in the output folder. */
    void write(String name, byte[] content) throws IOException;

    /** The catalog and the results under two {@code s3://bucket/prefix/} addresses of the same bucket. */
    static RunnerFiles bucket(S3Client s3, String input, String output) {
        URI in = URI.create(input);
        URI out = URI.create(output);
        if (!in.getAuthority().equals(out.getAuthority())) {
            throw new IllegalArgumentException("the thread-pool runner reads and writes one bucket: " + input + ", " + output);
        }
        return new Bucket(s3, in.getAuthority(), prefix(in), prefix(out));
    }

    /** The key prefix of an address: its path without the leading "/". */
    private static String prefix(URI address) {
        return address.getPath().replaceFirst("^/", "");
    }

    /** A catalog in a local folder, results into another. */
    record Folders(Path input, Path output) implements RunnerFiles {

        @Override
        public byte[] read(String path) throws IOException {
            return Files.readAllBytes(input.resolve(path));
        }

        @Override
        public void write(String name, byte[] content) throws IOException {
            Files.write(output.resolve(name), content);
        }
    }

    /** A catalog under a prefix of a bucket, results under another prefix (each ending in "/" or empty). */
    record Bucket(S3Client s3, String bucket, String input, String output) implements RunnerFiles {

        @Override
        public byte[] read(String path) {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(input + path)).asByteArray();
        }

        @Override
        public void write(String name, byte[] content) {
            s3.putObject(request -> request.bucket(bucket).key(output + name).contentType("image/png"),
                    RequestBody.fromBytes(content));
        }
    }
}
