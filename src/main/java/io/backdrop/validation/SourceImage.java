package io.backdrop.validation;

import static io.backdrop.model.ManifestRow.IMAGE;

import io.backdrop.model.ImageFormat;
import io.backdrop.model.Violation;
import io.backdrop.storage.KnownSource;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.SourceNotFoundException;
import io.backdrop.storage.SourceObject;
import io.backdrop.storage.Sources;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image rules: the cell names an image that exists, is at most 50 MB, is a PNG, JPEG or
 * WebP by its first bytes, and is sound ({@link ImageSoundness}): whole, with sane dimensions.
 * Only its header and its last few kilobytes are read, never its pixels.
 *
 * @param bytes      the image's size; -1 when unknown
 * @param format     the format by content; null when unknown or not accepted
 * @param dimensions the pixel dimensions from the header, when it was read (not for a source
 *                   judged on its record)
 * @param violations every image rule broken
 */
record SourceImage(long bytes, ImageFormat format, Optional<ImageDimensions> dimensions, List<Violation> violations) {

    SourceImage {
        violations = List.copyOf(violations);
    }

    /**
     * Judges the image; a source whose storage identity is the one recorded with what it held is
     * judged on that record, without reading it.
     */
    static SourceImage probe(String cell, SourceObject image, KnownSources known) {
        List<Violation> violations = new ArrayList<>();
        Optional<KnownSource> recorded;
        long bytes;
        try {
            recorded = recorded(image, known);
            bytes = recorded.isPresent() ? recorded.get().bytes() : image.size();
        } catch (SourceNotFoundException e) {
            return rejected(new Violation(IMAGE, cell, "does not exist: " + Sources.display(image.location())));
        } catch (IOException e) {
            return rejected(new Violation(IMAGE, cell, cannotBeRead(e)));
        }
        if (bytes > RowValidator.MAX_IMAGE_BYTES) {
            violations.add(new Violation(IMAGE, cell,
                    "must be at most 50 MB (is " + String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024)) + " MB)"));
        }
        Optional<ImageFormat> format;
        Optional<ImageDimensions> dimensions = Optional.empty();
        try {
            if (recorded.isPresent()) {
                // A source unchanged since it was recorded passed these rules then: it is not read again.
                format = ImageFormat.sniff(HexFormat.of().parseHex(recorded.get().head()));
            } else {
                try (InputStream in = new BufferedInputStream(image.open())) {
                    in.mark(ImageFormat.SNIFF_BYTES);
                    byte[] head = in.readNBytes(ImageFormat.SNIFF_BYTES);
                    format = ImageFormat.sniff(head);
                    if (format.isPresent()) {
                        in.reset();
                        dimensions = ImageDimensions.read(in);
                        soundness(image, bytes, format.get(), head, dimensions)
                                .ifPresent(rule -> violations.add(new Violation(IMAGE, cell, rule)));
                    }
                }
            }
        } catch (IOException e) {
            violations.add(new Violation(IMAGE, cell, cannotBeRead(e)));
            return new SourceImage(bytes, null, dimensions, violations);
        }
        if (format.isEmpty()) {
            violations.add(new Violation(IMAGE, cell, "must be a PNG, JPEG or WebP image (by its content)"));
        }
        return new SourceImage(bytes, format.orElse(null), dimensions, violations);
    }

    private static Optional<String> soundness(SourceObject image, long bytes, ImageFormat format, byte[] head,
                                              Optional<ImageDimensions> dimensions) throws IOException {
        Optional<String> problem = ImageSoundness.problem(dimensions, format, head, bytes);
        return problem.isPresent() ? problem : ImageSoundness.endProblem(image, bytes, format);
    }

    /** What was recorded of the source under the identity its storage gives now; empty when unknown or unreadable. */
    private static Optional<KnownSource> recorded(SourceObject image, KnownSources known) throws SourceNotFoundException {
        if (known == KnownSources.NONE) {
            return Optional.empty();
        }
        try {
            return image.identity().flatMap(identity -> known.find(image.location(), identity));
        } catch (SourceNotFoundException e) {
            throw e;
        } catch (IOException e) {
            // Judged by reading it, which says what is wrong in the user's terms.
            return Optional.empty();
        }
    }

    private static String cannotBeRead(IOException e) {
        return "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static SourceImage rejected(Violation violation) {
        return new SourceImage(-1, null, Optional.empty(), List.of(violation));
    }
}
