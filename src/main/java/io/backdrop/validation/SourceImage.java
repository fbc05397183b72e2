package io.backdrop.validation;

import static io.backdrop.model.ManifestRow.IMAGE;

import io.backdrop.model.ImageFormat;
import io.backdrop.model.Violation;
import io.backdrop.storage.KnownSource;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.SourceNotFoundException;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
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
        return inspect(cell, manifest, sources, KnownSources.NONE);
    }

    /**
     * As {@link #inspect(String, URI, Sources)}, but a source whose storage identity is the one
     * recorded with what it held is judged on that record, without reading it.
     */
    static SourceImage inspect(String cell, URI manifest, Sources sources, KnownSources known) {
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
        Optional<KnownSource> recorded;
        try {
            recorded = recorded(location, sources, known);
        } catch (SourceNotFoundException e) {
            return rejected(location, -1, new Violation(IMAGE, cell, "does not exist: " + Sources.display(location)));
        }
        long bytes;
        try {
            bytes = recorded.isPresent() ? recorded.get().bytes() : sources.size(location);
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
            format = recorded.isPresent() ? ImageFormat.sniff(HexFormat.of().parseHex(recorded.get().head()))
                    : sniff(location, sources);
        } catch (IOException e) {
            violations.add(new Violation(IMAGE, cell, cannotBeRead(e)));
            return new SourceImage(location, bytes, null, violations);
        }
        if (format.isEmpty()) {
            violations.add(new Violation(IMAGE, cell, "must be a PNG, JPEG or WebP image (by its content)"));
        }
        return new SourceImage(location, bytes, format.orElse(null), violations);
    }

    /** What was recorded of the source under the identity its storage gives now; empty when unknown or unreadable. */
    private static Optional<KnownSource> recorded(URI location, Sources sources, KnownSources known)
            throws SourceNotFoundException {
        if (known == KnownSources.NONE) {
            return Optional.empty();
        }
        try {
            return sources.identity(location).flatMap(identity -> known.find(location, identity));
        } catch (SourceNotFoundException e) {
            throw e;
        } catch (IOException e) {
            // Judged by reading it, which says what is wrong in the user's terms.
            return Optional.empty();
        }
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
