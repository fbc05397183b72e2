package io.backdrop.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A byte stream read in pieces separated by a delimiter, through a fixed buffer: a multipart body
 * of any size passes with constant memory, and binary content is never decoded.
 */
final class DelimitedStream {

    private static final byte[] CRLF = {'\r', '\n'};

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int position;
    private int limit;

    /**
     * @param leading bytes taken as if they came before the stream; a multipart body gets CRLF here,
     *                so its first boundary, which has none before it, matches like every later one
     */
    DelimitedStream(InputStream in, byte[] delimiter, byte[] leading, int bufferSize) {
        if (bufferSize < 2 * delimiter.length + leading.length) {
            throw new IllegalArgumentException("buffer too small for the delimiter");
        }
        this.in = in;
        this.delimiter = delimiter.clone();
        this.buffer = new byte[bufferSize];
        System.arraycopy(leading, 0, buffer, 0, leading.length);
        this.limit = leading.length;
    }

    static DelimitedStream multipart(InputStream in, String boundary) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        return new DelimitedStream(in, delimiter, CRLF, 64 * 1024);
    }

    /**
     * Copies everything up to the next delimiter into {@code sink} and steps over the delimiter.
     *
     * @return false when the stream ended before a delimiter came
     */
    boolean copyToDelimiter(OutputStream sink) throws IOException {
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                sink.write(buffer, position, found - position);
                position = found + delimiter.length;
                return true;
            }
            // The last delimiter.length - 1 bytes may be the start of a delimiter: keep them.
            int safe = Math.max(position, limit - (delimiter.length - 1));
            sink.write(buffer, position, safe - position);
            position = safe;
            if (!fill()) {
                return false;
            }
        }
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    /**
     * A line ended by CRLF, decoded as UTF-8 (browsers send file names in raw UTF-8), without its end.
     *
     * @return null when the stream ended first
     */
    String readLine(int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = read()) >= 0) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            if (line.size() >= maxBytes) {
                throw RejectedRequest.badRequest("a multipart header line is longer than " + maxBytes + " bytes");
            }
            line.write(b);
            previous = b;
        }
        return null;
    }

    private int indexOfDelimiter() {
        int last = limit - delimiter.length;
        byte first = delimiter[0];
        outer:
        for (int i = position; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Moves the unread bytes to the front and reads more; false at the end of the stream. */
    private boolean fill() throws IOException {
        int unread = limit - position;
        System.arraycopy(buffer, position, buffer, 0, unread);
        position = 0;
        limit = unread;
        int n;
        do {
            n = in.read(buffer, limit, buffer.length - limit);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }
}
