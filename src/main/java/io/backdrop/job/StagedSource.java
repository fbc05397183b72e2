package io.backdrop.job;

import io.backdrop.storage.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A row's source image, read from its location at most once: a file on this machine is read in
 * place; an S3 object or http image is copied to a temporary file on first use, so that hashing
 * it (for reuse) and uploading it (with retries) do not fetch it again each time.
 */
final class StagedSource implements AutoCloseable {

    private final URI location;
    private final Sources sources;
    private final Path workDirectory;
    private Path copy;

    StagedSource(URI location, Sources sources, Path workDirectory) {
        this.location = location;
        this.sources = sources;
        this.workDirectory = workDirectory;
    }

    InputStream open() throws IOException {
        if ("file".equals(location.getScheme())) {
            return sources.open(location);
        }
        if (copy == null) {
            Path staged = Files.createTempFile(workDirectory, "backdrop-", ".source");
            try (InputStream in = sources.open(location)) {
                Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(staged);
                throw e;
            }
            copy = staged;
        }
        return Files.newInputStream(copy);
    }

    @Override
    public void close() {
        if (copy != null) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a stray temporary file is harmless
            }
        }
    }
}
