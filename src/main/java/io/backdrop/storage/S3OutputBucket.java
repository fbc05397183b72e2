package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * Results published under an S3 prefix ({@code s3://bucket/prefix}). A PutObject is whole or
 * absent, so readers of the bucket never see a partial image.
 */
public class S3OutputBucket implements OutputBucket {

    private final S3Client s3;
    private final S3Location prefix;

    public S3OutputBucket(S3Client s3, S3Location prefix) {
        this.s3 = s3;
        this.prefix = prefix;
    }

    /** An output location as typed: {@code s3://bucket} or {@code s3://bucket/prefix}. */
    public S3OutputBucket(S3Client s3, String location) {
        this(s3, S3Location.parse(location));
    }

    @Override
    public boolean exists(String name) throws IOException {
        S3Location object = objectOf(name);
        try {
            s3.headObject(request -> request.bucket(object.bucket()).key(object.key()));
            return true;
        } catch (SdkException e) {
            if (S3Failures.isNotFound(e)) {
                return false;
            }
            throw S3Failures.explain(object, e);
        }
    }

    /**
     * Uploads the file from disk as it is read (never whole in memory), with a SHA-256 checksum
     * computed here and sent as a plain header: S3 rejects a body that does not match it, and
     * servers without the newer trailing-checksum support still receive the exact bytes.
     */
    @Override
    public String write(String name, Path content, String contentType, Map<String, String> metadata) throws IOException {
        S3Location object = objectOf(name);
        String checksum = sha256Base64(content);
        try {
            s3.putObject(request -> request
                            .bucket(object.bucket())
                            .key(object.key())
                            .contentType(contentType)
                            .metadata(metadata)
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                            .checksumSHA256(checksum),
                    RequestBody.fromFile(content));
        } catch (SdkException e) {
            throw S3Failures.explain(object, e);
        }
        return object.toString();
    }

    /** A put and a delete: the bucket exists, is reachable and takes writes under the prefix. */
    @Override
    public void probe() throws IOException {
        S3Location object = new S3Location(prefix.bucket(), prefix.keyUnder(".backdrop-probe-" + UUID.randomUUID()));
        try {
            s3.putObject(request -> request.bucket(object.bucket()).key(object.key()), RequestBody.empty());
            s3.deleteObject(request -> request.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            if (S3Failures.isNotFound(e)) {
                throw new IOException("the bucket " + prefix.bucket() + " does not exist", e);
            }
            throw S3Failures.explain(object, e);
        }
    }

    @Override
    public String locationOf(String name) {
        return new S3Location(prefix.bucket(), prefix.keyUnder(name)).toString();
    }

    private S3Location objectOf(String name) throws IOException {
        if (name.startsWith("/") || name.equals("..") || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")) {
            throw new IOException("refusing to write outside the output prefix: " + name);
        }
        return new S3Location(prefix.bucket(), prefix.keyUnder(name));
    }

    private static String sha256Base64(Path content) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(content)) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return Base64.getEncoder().encodeToString(digest.digest());
    }
}
