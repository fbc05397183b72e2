package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Manifests and images in S3 ({@code s3://bucket/key}). The client is asked for only when an
 * s3 location is read, so runs on local files never build one (nor need a region or credentials).
 */
public class S3SourceStore implements SourceStore {

    private final Supplier<S3Client> s3;
    private final S3KeyListing listing;

    /** The supplier is called on every read: it should answer one shared client, as {@link S3ClientFactory} does. */
    public S3SourceStore(Supplier<S3Client> s3) {
        this.s3 = s3;
        this.listing = new S3KeyListing(s3, Clock.systemUTC());
    }

    @Override
    public boolean handles(URI location) {
        return "s3".equalsIgnoreCase(location.getScheme());
    }

    @Override
    public long size(URI location) throws IOException {
        S3Location object = S3Location.of(location);
        Long length = head(object).contentLength();
        if (length == null) {
            throw new IOException("the S3 server stated no size for " + object);
        }
        return length;
    }

    @Override
    public InputStream open(URI location) throws IOException {
        return get(S3Location.of(location));
    }

    /**
     * ETag and size, from a page of the object's folder listing (one request for up to 1,000
     * keys) when it holds the key, else from a HEAD. S3 gives a new ETag to every new content
     * written under a key, so an equal ETag and size is the same content.
     */
    @Override
    public Optional<String> identity(URI location) throws IOException {
        S3Location object = S3Location.of(location);
        Optional<String> listed;
        try {
            listed = object.key().isEmpty() ? Optional.empty() : listing.identity(object);
        } catch (SdkException e) {
            throw S3Failures.explain(object, e);
        }
        if (listed.isPresent()) {
            return listed;
        }
        HeadObjectResponse head = head(object);
        return head.eTag() == null || head.contentLength() == null ? Optional.empty()
                : Optional.of(identity(head.eTag(), head.contentLength()));
    }

    /** The identity of what is read is the GET's own ETag and size: the content cannot have changed in between. */
    @Override
    public SourceRead read(URI location) throws IOException {
        ResponseInputStream<GetObjectResponse> stream = get(S3Location.of(location));
        GetObjectResponse answer = stream.response();
        Optional<String> identity = answer.eTag() == null || answer.contentLength() == null ? Optional.empty()
                : Optional.of(identity(answer.eTag(), answer.contentLength()));
        return new SourceRead(stream, () -> identity, answer.contentLength() == null ? -1 : answer.contentLength());
    }

    /** One form for a HEAD, a GET and a listing, which quote the ETag alike or not. */
    static String identity(String eTag, long size) {
        String tag = eTag.startsWith("\"") && eTag.endsWith("\"") && eTag.length() > 1 ? eTag.substring(1, eTag.length() - 1) : eTag;
        return "s3 etag=" + tag + " size=" + size;
    }

    private HeadObjectResponse head(S3Location object) throws IOException {
        try {
            return s3.get().headObject(request -> request.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw S3Failures.explain(object, e);
        }
    }

    private ResponseInputStream<GetObjectResponse> get(S3Location object) throws IOException {
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
