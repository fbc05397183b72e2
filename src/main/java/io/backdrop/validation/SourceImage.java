package io.backdrop.validation;

import static io.backdrop.model.ManifestRow.IMAGE;

import io.backdrop.model.ImageFormat;
import io.backdrop.model.Violation;
import io.backdrop.storage.SourceNotFoundException;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image rules: the cell names an image that exists, is at most 50 MB and is a PNG, JPEG or
 * WebP by its first bytes. Only {@link ImageFormat#SNIFF_BYTES} bytes are read, never the image.
 *
 * @param location   the resolved location; null when the cell is empty or not a location
 * @param bytes      the image's size; -1 when unknown
 * @param format     the format by content; null when unknown or not accepted
 * @param violations every image rule broken
 */
record SourceImage(URI location, long bytes, ImageFormat format, List<Violation> violations) {

    static final long MAX_BYTES = 50L * 1024 * 1024;

    SourceImage {
        violations = List.copyOf(violations);
    }

    static SourceImage inspect(String cell, URI manifest, Sources sources) {
        if (cell.isEmpty()) {
            return rejected(null, -1, new Violation(IMAGE, "", "must not be empty"));
        }
        URI location;
        try {
            location = Sources.resolve(manifest, cell);
        } catch (RuntimeException e) {
            // URI.create and Path.of reject malformed text with unchecked exceptions.
            return rejected(null, -1, new Violation(IMAGE, cell, "is not a valid path or URI"));
        }
        List<Violation> violations = new ArrayList<>();
        long bytes;
        try {
            bytes = sources.size(location);
        } catch (SourceNotFoundException e) {
            return rejected(location, -1, new Violation(IMAGE, cell, "does not exist: " + Sources.display(location)));
        } catch (IOException e) {
            return rejected(location, -1, new Violation(IMAGE, cell, cannotBeRead(e)));
        }
        if (bytes > MAX_BYTES) {
            violations.add(new Violation(IMAGE, cell,
                    "must be at most 50 MB (is " + String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024)) + " MB)"));
        }
        Optional<ImageFormat> format;
        try {
            format = sniff(location, sources);
        } catch (IOException e) {
            violations.add(new Violation(IMAGE, cell, cannotBeRead(e)));
            return new SourceImage(location, bytes, null, violations);
        }
        if (format.isEmpty()) {
            violations.add(new Violation(IMAGE, cell, "must be a PNG, JPEG or WebP image (by its content)"));
        }
        return new SourceImage(location, bytes, format.orElse(null), violations);
    }

    private static Optional<ImageFormat> sniff(URI location, Sources sources) throws IOException {
        try (InputStream in = sources.open(location)) {
            return ImageFormat.sniff(in.readNBytes(ImageFormat.SNIFF_BYTES));
        }
    }

    private static String cannotBeRead(IOException e) {
        return "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static SourceImage rejected(URI location, long bytes, Violation violation) {
        return new SourceImage(location, bytes, null, List.of(violation));
    }
}
