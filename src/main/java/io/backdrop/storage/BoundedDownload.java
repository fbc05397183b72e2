package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download's body that fails once it passes its byte limit or its deadline. The deadline is
 * kept by closing the stream from a timer, because a read blocked on a stalled server never
 * returns to check the clock by itself.
 */
final class BoundedDownload extends InputStream {

    private final InputStream body;
    private final URI location;
    private final long maxBytes;
    private final Duration timeout;
    private final CompletableFuture<Void> watchdog;
    private volatile boolean timedOut;
    private long count;

    BoundedDownload(InputStream body, URI location, long maxBytes, Duration timeout) {
        this.body = body;
        this.location = location;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.watchdog = CompletableFuture.runAsync(this::expire,
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = body.read(buffer, offset, length);
        } catch (IOException e) {
            throw timedOut ? timeoutError(e) : e;
        }
        if (timedOut) {
            throw timeoutError(null);
        }
        if (read > 0) {
            count += read;
            if (count > maxBytes) {
                close();
                throw new IOException("larger than the limit of " + maxBytes + " bytes: " + location);
            }
        }
        return read;
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }

    @Override
    public void close() throws IOException {
        watchdog.cancel(false);
        body.close();
    }

    private void expire() {
        timedOut = true;
        try {
            body.close();
        } catch (IOException ignored) {
            // Closing is how the blocked reader is woken; a failure to close changes nothing here.
        }
    }

    private IOException timeoutError(IOException cause) {
        return new IOException("download took longer than " + timeout.toMillis() + " ms: " + location, cause);
    }
}
