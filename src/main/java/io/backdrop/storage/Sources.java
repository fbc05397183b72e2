package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Turns the locations users write (a relative or absolute path, {@code s3://bucket/key},
 * {@code https://...}) into URIs and reads them through the store for their scheme.
 */
public class Sources {

    private final List<SourceStore> stores;

    public Sources(List<SourceStore> stores) {
        this.stores = List.copyOf(stores);
    }

    /**
     * Local files, S3 and http(s). The S3 client is asked for only when an s3 location is read,
     * so a run on local files never builds one (no start-up cost, no region or credentials needed).
     */
    public static Sources standard(Supplier<S3Client> s3) {
        return standard(s3, SourceProperties.defaults());
    }

    /** As {@link #standard(Supplier)}, with http(s) sources read under the given policy and limits. */
    public static Sources standard(Supplier<S3Client> s3, SourceProperties http) {
        return new Sources(List.of(new LocalSourceStore(), new S3SourceStore(s3), new HttpSourceStore(http)));
    }

    /**
     * A location as typed on the command line: a URI with a scheme, or a path on this machine.
     * An {@code s3://} key is taken literally (spaces and all), as the AWS CLI takes it.
     */
    public static URI locate(String location) {
        if (S3Location.isS3(location)) {
            return S3Location.parse(location).toUri();
        }
        if (hasScheme(location)) {
            return URI.create(location);
        }
        return Path.of(location).toAbsolutePath().normalize().toUri();
    }

    /** An image cell of a manifest: absolute or a URI as it is, relative against the manifest's folder or prefix. */
    public static URI resolve(URI manifest, String image) {
        if (hasScheme(image)) {
            return locate(image);
        }
        if ("file".equals(manifest.getScheme())) {
            Path path = Path.of(image);
            return (path.isAbsolute() ? path : Path.of(manifest).resolveSibling(image)).normalize().toUri();
        }
        if ("s3".equalsIgnoreCase(manifest.getScheme())) {
            return S3Location.of(manifest).resolveSibling(image).toUri();
        }
        return manifest.resolve(image.replace(" ", "%20"));
    }

    /** How a location is shown to a user: a plain path for local files, s3://bucket/key with the key as is, the URI otherwise. */
    public static String display(URI location) {
        if ("file".equals(location.getScheme())) {
            return Path.of(location).toString();
        }
        return "s3".equalsIgnoreCase(location.getScheme()) ? S3Location.of(location).toString() : location.toString();
    }

    /** The object at a location, each question asked of its storage as it comes. */
    public SourceObject object(URI location) {
        return new Stored(this, location);
    }

    private record Stored(Sources sources, URI location) implements SourceObject {

        @Override
        public long size() throws IOException {
            return sources.size(location);
        }

        @Override
        public InputStream open() throws IOException {
            return sources.open(location);
        }

        @Override
        public InputStream openFrom(long offset) throws IOException {
            return sources.openFrom(location, offset);
        }

        @Override
        public Optional<String> identity() throws IOException {
            return sources.identity(location);
        }

        @Override
        public SourceRead read() throws IOException {
            return sources.read(location);
        }
    }

    public long size(URI location) throws IOException {
        return storeFor(location).size(location);
    }

    public InputStream open(URI location) throws IOException {
        return storeFor(location).open(location);
    }

    /** The object from a byte offset on; see {@link SourceStore#openFrom}. */
    public InputStream openFrom(URI location, long offset) throws IOException {
        return storeFor(location).openFrom(location, offset);
    }

    /** See {@link SourceStore#identity}: the content's identity without reading it, if the storage gives one. */
    public Optional<String> identity(URI location) throws IOException {
        return storeFor(location).identity(location);
    }

    /** See {@link SourceStore#read}: the content and the identity of what was read. */
    public SourceRead read(URI location) throws IOException {
        return storeFor(location).read(location);
    }

    private SourceStore storeFor(URI location) throws IOException {
        for (SourceStore store : stores) {
            if (store.handles(location)) {
                return store;
            }
        }
        throw new IOException("unsupported location: " + location);
    }

    private static boolean hasScheme(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("s3://") || lower.startsWith("http://") || lower.startsWith("https://")
                || lower.startsWith("file:");
    }
}
