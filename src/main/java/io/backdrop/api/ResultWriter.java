package io.backdrop.api;

import io.backdrop.api.ApiException.Kind;
import io.backdrop.model.ImageFormat;
import io.backdrop.platform.CappedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams a downloaded result into a file and checks it on the way: no larger than the cap, as
 * long as the server said, and an image by its first bytes. A file that fails a check is deleted.
 * A failure to read the body is the network's (transient); a failure to write the file is the
 * machine's, so it surfaces as an {@link UncheckedIOException}, not as an API failure.
 */
final class ResultWriter {

    private static final int BUFFER = 64 * 1024;

    private final long maxBytes;

    ResultWriter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param declaredLength the Content-Length, or -1 when the server sent none
     * @return the bytes written
     */
    long write(int status, InputStream body, long declaredLength, Path target) {
        if (declaredLength > maxBytes) {
            throw tooLarge(status);
        }
        boolean complete = false;
        try {
            long written = copy(status, new CappedInputStream(body, maxBytes, null), declaredLength, target);
            complete = true;
            return written;
        } finally {
            if (!complete) {
                deleteQuietly(target);
            }
        }
    }

    private long copy(int status, InputStream body, long declaredLength, Path target) {
        byte[] buffer = new byte[BUFFER];
        byte[] head = new byte[ImageFormat.SNIFF_BYTES];
        long count = 0;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int read;
            while ((read = read(status, body, buffer, count, declaredLength)) >= 0) {
                if (count < head.length) {
                    System.arraycopy(buffer, 0, head, (int) count, (int) Math.min(read, head.length - count));
                }
                count += read;
                out.write(buffer, 0, read);
            }
        } catch (IOException cannotWrite) {
            throw new UncheckedIOException("cannot write the result to " + target, cannotWrite);
        }
        if (declaredLength >= 0 && count < declaredLength) {
            throw truncated(status, count, declaredLength, null);
        }
        byte[] sniffed = count < head.length ? Arrays.copyOf(head, (int) count) : head;
        if (ImageFormat.sniff(sniffed).isEmpty()) {
            throw new ApiException(Kind.PERMANENT, status, "result is not an image", null, null);
        }
        return count;
    }

    private int read(int status, InputStream body, byte[] buffer, long count, long declaredLength) {
        try {
            return body.read(buffer);
        } catch (CappedInputStream.TooLarge e) {
            throw tooLarge(status);
        } catch (IOException brokenOff) {
            throw truncated(status, count, declaredLength, brokenOff);
        }
    }

    private static ApiException truncated(int status, long count, long declaredLength, IOException cause) {
        String expected = declaredLength >= 0 ? " of " + declaredLength : "";
        String reason = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return new ApiException(Kind.TRANSIENT, status,
                "download truncated after " + count + expected + " bytes" + reason, null, cause);
    }

    private ApiException tooLarge(int status) {
        return new ApiException(Kind.PERMANENT, status, "result is larger than " + maxBytes + " bytes", null, null);
    }

    private static void deleteQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // The failure being reported matters more than a leftover file the next attempt overwrites.
        }
    }
}
