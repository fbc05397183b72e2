package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * One source image, as the rules and the row's work read it: its size, its bytes from the start or
 * from an offset, and what its storage says of its content without reading it. {@link Sources#object}
 * asks the storage each time; a row's worker puts a copy staged on this machine behind the same
 * face, so that probing, fingerprinting and uploading share one read of a remote object.
 */
public interface SourceObject {

    URI location();

    /** The size in bytes; {@link SourceNotFoundException} when the object does not exist. */
    long size() throws IOException;

    InputStream open() throws IOException;

    /** The bytes from an offset on, to read the end without the rest; see {@link SourceStore#openFrom}. */
    InputStream openFrom(long offset) throws IOException;

    /** See {@link SourceStore#identity}: the content's identity without reading it, if the storage gives one. */
    Optional<String> identity() throws IOException;

    /** See {@link SourceStore#read}: the content and the identity of what was read. */
    SourceRead read() throws IOException;
}
