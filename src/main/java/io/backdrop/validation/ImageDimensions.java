package io.backdrop.validation;

import io.backdrop.storage.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An image's width and height in pixels, read from its header by ImageIO without decoding a pixel
 * (a 50 MB photo costs a few kilobytes of reading). WebP is read by the TwelveMonkeys plugin.
 */
record ImageDimensions(int width, int height) {

    static Optional<ImageDimensions> read(SourceObject image) {
        try (InputStream in = image.open()) {
            return read(in);
        } catch (IOException | RuntimeException e) {
            // A missing, truncated or corrupt image: the caller reports it as unreadable.
            return Optional.empty();
        }
    }

    /** The dimensions in an image's header, read from the stream's current position. */
    static Optional<ImageDimensions> read(InputStream in) {
        // A memory cache, not ImageIO's default temporary file: only the header is ever read.
        try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            while (readers.hasNext()) {
                Optional<ImageDimensions> read = read(readers.next(), stream);
                if (read.isPresent()) {
                    return read;
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // A missing, truncated or corrupt image: the caller reports it as unreadable.
            return Optional.empty();
        }
    }

    private static Optional<ImageDimensions> read(ImageReader reader, ImageInputStream stream) {
        try {
            stream.seek(0);
            reader.setInput(stream, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            return width > 0 && height > 0 ? Optional.of(new ImageDimensions(width, height)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // This reader could not make sense of the header; another registered one may.
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }
}
