package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** Reads manifests and source images from one kind of location (a local file, S3, http). */
public interface SourceStore {

    /** Whether this store reads locations of the given URI's scheme. */
    boolean handles(URI location);

    /** The object's size in bytes; {@link SourceNotFoundException} when it does not exist. */
    long size(URI location) throws IOException;

    /** Opens the object for streaming; the caller closes the stream. */
    InputStream open(URI location) throws IOException;

    /**
     * What the storage says of the object's current content without reading it (S3: ETag and
     * size; a file: size, times and file key; http: the validators of a HEAD), in a form equal
     * to what {@link #read} gives for the same content; empty when the storage says nothing
     * usable, and then the content must be read to be known.
     */
    default Optional<String> identity(URI location) throws IOException {
        return Optional.empty();
    }

    /** Opens the object and says which content the stream holds; by default nothing is said. */
    default SourceRead read(URI location) throws IOException {
        return SourceRead.unidentified(open(location));
    }
}
