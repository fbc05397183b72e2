package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/** Reads manifests and source images from one kind of location (a local file, S3, http). */
public interface SourceStore {

    /** Whether this store reads locations of the given URI's scheme. */
    boolean handles(URI location);

    /** The object's size in bytes; {@link SourceNotFoundException} when it does not exist. */
    long size(URI location) throws IOException;

    /** Opens the object for streaming; the caller closes the stream. */
    InputStream open(URI location) throws IOException;
}
