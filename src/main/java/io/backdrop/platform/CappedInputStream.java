package io.backdrop.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A body read from elsewhere with a cap on its size: the read that passes the cap fails with
 * {@link TooLarge}, never a silent truncation (a cut image would be published as if whole), and
 * closes the stream underneath, so that a connection is abandoned rather than read to its end.
 * A server may send more than it stated, or state nothing: this is what holds it to the cap.
 */
public final class CappedInputStream extends InputStream {

    private final InputStream in;
    private final long cap;
    private final String source;
    private long count;

    /**
     * @param source what is read, named in the failures' messages (a read that timed out says so
     *               with it); null when the caller names it itself, or must not (a signed URL)
     */
    public CappedInputStream(InputStream in, long cap, String source) {
        this.in = in;
        this.cap = cap;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        // Through the array read, which counts and checks.
        byte[] one = readNBytes(1);
        return one.length == 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = in.read(buffer, offset, length);
        } catch (InterruptedIOException e) {
            if (source == null) {
                throw e;
            }
            throw new IOException("download timed out (" + e.getMessage() + "): " + source, e);
        }
        count += Math.max(read, 0);
        if (count > cap) {
            in.close();
            throw new TooLarge(cap, source);
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The body went past its cap. */
    public static final class TooLarge extends IOException {

        TooLarge(long cap, String source) {
            super("larger than the limit of " + cap + " bytes" + (source == null ? "" : ": " + source));
        }
    }
}
