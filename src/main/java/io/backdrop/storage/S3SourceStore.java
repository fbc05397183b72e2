package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Manifests and images in S3 ({@code s3://bucket/key}). The client is asked for only when an
 * s3 location is read, so runs on local files never build one (nor need a region or credentials).
 */
public class S3SourceStore implements SourceStore {

    private final Supplier<S3Client> s3;

    /** The supplier is called on every read: it should answer one shared client, as {@link S3ClientFactory} does. */
    public S3SourceStore(Supplier<S3Client> s3) {
        this.s3 = s3;
    }

    @Override
    public boolean handles(URI location) {
        return "s3".equalsIgnoreCase(location.getScheme());
    }

    @Override
    public long size(URI location) throws IOException {
        S3Location object = S3Location.of(location);
        Long length;
        try {
            length = s3.get().headObject(request -> request.bucket(object.bucket()).key(object.key())).contentLength();
        } catch (SdkException e) {
            throw S3Failures.explain(object, e);
        }
        if (length == null) {
            throw new IOException("the S3 server stated no size for " + object);
        }
        return length;
    }

    @Override
    public InputStream open(URI location) throws IOException {
        S3Location object = S3Location.of(location);
        try {
            // The response stream reads from the connection as the caller reads: nothing is buffered whole.
            return s3.get().getObject(request -> request.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw S3Failures.explain(object, e);
        }
    }

    /** A ranged GET: only the bytes from the offset travel. */
    @Override
    public InputStream openFrom(URI location, long offset) throws IOException {
        S3Location object = S3Location.of(location);
        try {
            return s3.get().getObject(request -> request.bucket(object.bucket()).key(object.key())
                    .range("bytes=" + offset + "-"));
        } catch (SdkException e) {
            throw S3Failures.explain(object, e);
        }
    }
}
