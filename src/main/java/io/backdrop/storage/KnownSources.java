package io.backdrop.storage;

import java.net.URI;
import java.util.Optional;

/**
 * Remembers, per source location, the identity the storage gave for the content last read there
 * and what that content was, so that a source whose identity is unchanged need not be read again.
 */
public interface KnownSources {

    /** Remembers nothing: every source is read. */
    KnownSources NONE = new KnownSources() {
        @Override
        public Optional<KnownSource> find(URI location, String identity) {
            return Optional.empty();
        }

        @Override
        public void remember(URI location, String identity, KnownSource source) {
        }
    };

    /** What the location held when it last had this identity; empty when it had another, or was never read. */
    Optional<KnownSource> find(URI location, String identity);

    /** Records what the location holds under this identity, replacing what was recorded for it before. */
    void remember(URI location, String identity, KnownSource source);
}
