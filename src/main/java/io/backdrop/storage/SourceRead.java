package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A source opened for reading, with the identity of the content the stream holds: S3's ETag and
 * size from the GET's own answer, an http answer's validators, a file's attributes taken before
 * and after the read. What a digest of the stream may be remembered under.
 */
public final class SourceRead implements AutoCloseable {

    /** The identity of what was read; asked once the stream has been read to its end. */
    @FunctionalInterface
    public interface IdentityCheck {
        Optional<String> identity() throws IOException;
    }

    private final InputStream stream;
    private final IdentityCheck check;
    private final long declaredBytes;

    public SourceRead(InputStream stream, IdentityCheck check) {
        this(stream, check, -1);
    }

    /** @param declaredBytes the size the storage's answer declares (S3's or http's Content-Length); -1 when none */
    public SourceRead(InputStream stream, IdentityCheck check, long declaredBytes) {
        this.stream = stream;
        this.check = check;
        this.declaredBytes = declaredBytes;
    }

    /** The size the storage declared before a byte was read; -1 when it declared none. */
    public long declaredBytes() {
        return declaredBytes;
    }

    /** A read whose content the storage names nothing for: its digest is never remembered. */
    public static SourceRead unidentified(InputStream stream) {
        return new SourceRead(stream, Optional::empty);
    }

    public InputStream stream() {
        return stream;
    }

    /**
     * The identity of the bytes read, once the stream is read to its end; empty when the storage
     * gave none, or the source changed while it was read (then its digest must not be remembered).
     */
    public Optional<String> identity() throws IOException {
        return check.identity();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
