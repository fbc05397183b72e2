package io.backdrop.cli;

import io.backdrop.manifest.ManifestFormatException;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.net.URI;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * A whole pass over a manifest before anything is paid for, with a malformed or unreadable one
 * turned into a usage error that names the manifest (and the line).
 */
final class ManifestReading {

    @FunctionalInterface
    interface Pass<T> {
        T over() throws IOException;
    }

    private ManifestReading() {
    }

    static <T> T pass(URI manifest, Pass<T> pass) {
        try {
            return pass.over();
        } catch (ManifestFormatException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (ItemStreamException e) {
            if (e.getCause() instanceof ManifestFormatException malformed) {
                throw new UsageException(malformed.getMessage(), malformed);
            }
            throw cannotRead(manifest, e);
        } catch (IOException e) {
            throw cannotRead(manifest, e);
        }
    }

    private static UsageException cannotRead(URI manifest, Exception e) {
        return new UsageException("cannot read the manifest " + Sources.display(manifest) + ": " + e.getMessage(), e);
    }
}
