package io.backdrop.validation;

import io.backdrop.model.ImageFormat;
import io.backdrop.storage.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether an image is whole and of sane dimensions, judged from its header and its last few
 * kilobytes, never from its pixels: a truncated file or one declaring a giant canvas is rejected
 * before it is uploaded and paid for, at the cost of a header read and one short read of its end.
 * <p>
 * Whole means the format's end is there: a PNG's IEND chunk, a JPEG's end-of-image marker (which
 * cannot occur inside the compressed data, where 0xFF is always escaped), and for WebP as many
 * bytes as its RIFF header declares. A little trailing data after the end is allowed, as
 * cameras and editors write it.
 */
final class ImageSoundness {

    /** The longest side Backdrop sends; a larger canvas is a damaged header or a decompression bomb. */
    static final int MAX_SIDE = 16_384;
    /** As many pixels as the report's thumbnails will decode. */
    static final long MAX_PIXELS = 100_000_000L;
    /** How far from the end the end marker is looked for. */
    static final int TAIL_BYTES = 4_096;

    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    private static final byte[] JPEG_END = {(byte) 0xFF, (byte) 0xD9};

    private ImageSoundness() {
    }

    /** What makes the image unusable, in the words of a rule; empty when it is sound. */
    static Optional<String> problem(Optional<ImageDimensions> dimensions, ImageFormat format, byte[] head, long bytes) {
        if (dimensions.isEmpty()) {
            return Optional.of("is damaged: its " + format + " header cannot be read");
        }
        int width = dimensions.get().width();
        int height = dimensions.get().height();
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            return Optional.of("declares " + width + "x" + height + " pixels; at most " + MAX_SIDE
                    + " a side and " + MAX_PIXELS / 1_000_000 + " megapixels");
        }
        if (format == ImageFormat.WEBP) {
            // RIFF's length counts the bytes after its first 8, padded to an even number.
            long declared = Integer.toUnsignedLong(ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) + 8;
            if (bytes >= 0 && bytes < declared) {
                return Optional.of("is cut short: its RIFF header declares " + declared + " bytes, the file has " + bytes);
            }
        }
        return Optional.empty();
    }

    /** Whether the image's end marker is in its last bytes (always true for WebP, checked by its header). */
    static Optional<String> endProblem(SourceObject image, long bytes, ImageFormat format) throws IOException {
        byte[] end = switch (format) {
            case PNG -> PNG_END;
            case JPEG -> JPEG_END;
            case WEBP -> null;
        };
        if (end == null) {
            return Optional.empty();
        }
        byte[] tail;
        try (InputStream in = image.openFrom(Math.max(0, bytes - TAIL_BYTES))) {
            tail = lastBytes(in);
        }
        if (indexOf(tail, end) < 0) {
            return Optional.of("is cut short: no " + format + " end marker ("
                    + (format == ImageFormat.PNG ? "IEND chunk" : "EOI") + ") in its last " + TAIL_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** The stream's last {@link #TAIL_BYTES} bytes, however long it is. */
    private static byte[] lastBytes(InputStream in) throws IOException {
        byte[] window = new byte[2 * TAIL_BYTES];
        int filled = 0;
        for (int read; (read = in.read(window, filled, window.length - filled)) >= 0; ) {
            filled += read;
            if (filled == window.length) {
                System.arraycopy(window, TAIL_BYTES, window, 0, TAIL_BYTES);
                filled = TAIL_BYTES;
            }
        }
        return Arrays.copyOfRange(window, Math.max(0, filled - TAIL_BYTES), filled);
    }

    private static int indexOf(byte[] data, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= data.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
