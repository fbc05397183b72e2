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

    /**
     * Opens the object from a byte offset on, to read its end without the rest. By default the
     * bytes before the offset are skipped, which a file does by seeking; stores that can ask for a
     * range do so instead.
     */
    default InputStream openFrom(URI location, long offset) throws IOException {
        InputStream in = open(location);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
