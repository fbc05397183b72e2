package io.backdrop.job;

import io.backdrop.model.RowPlan;
import io.backdrop.storage.KnownSource;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.SourceObject;
import io.backdrop.storage.SourceRead;
import io.backdrop.validation.ImageDigest;
import io.backdrop.validation.RowFingerprint;
import java.io.IOException;
import java.util.Optional;

/**
 * A row's {@link RowFingerprint}, without reading its source when the storage says the source
 * still holds what it held when last read (the same ETag and size, the same file attributes, the
 * same http validator), and by reading it otherwise, recording what was read under the identity
 * of the bytes read. The fingerprint's formula is the one rows were always fingerprinted with, so
 * a catalog fingerprinted before sources were recorded is reused as it was.
 */
public class SourceFingerprints {

    private final KnownSources known;
    private final boolean rehash;

    /** @param rehash read every source, trusting no identity ({@code --rehash-sources}); what is read is still recorded */
    public SourceFingerprints(KnownSources known, boolean rehash) {
        this.known = known;
        this.rehash = rehash;
    }

    /** The fingerprint from what was recorded of the source, when its identity is unchanged; no read. */
    public Optional<String> recorded(RowPlan plan, SourceObject image) {
        if (rehash) {
            return Optional.empty();
        }
        try {
            return image.identity()
                    .flatMap(identity -> known.find(plan.image(), identity))
                    .map(source -> RowFingerprint.of(plan, ImageDigest.of(source.sha256(), source.bytes(), source.head())));
        } catch (IOException e) {
            // Unknown is not unchanged: the read says what is wrong.
            return Optional.empty();
        }
    }

    /** Reads the whole source and records it under the identity of what was read, if the storage gave one. */
    public String read(RowPlan plan, SourceObject source) throws IOException {
        try (SourceRead read = source.read()) {
            ImageDigest image = ImageDigest.of(read.stream());
            Optional<String> identity = read.identity();
            if (identity.isPresent()) {
                known.remember(plan.image(), identity.get(), new KnownSource(image.bytes(), image.headHex(), image.sha256Hex()));
            }
            return RowFingerprint.of(plan, image);
        }
    }

    /** The fingerprint, recorded or read. */
    public String of(RowPlan plan, SourceObject source) throws IOException {
        Optional<String> recorded = recorded(plan, source);
        return recorded.isPresent() ? recorded.get() : read(plan, source);
    }
}
