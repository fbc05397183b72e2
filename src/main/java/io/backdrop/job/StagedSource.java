package io.backdrop.job;

import io.backdrop.storage.SourceRead;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

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
    private Optional<String> copyIdentity = Optional.empty();

    StagedSource(URI location, Sources sources, Path workDirectory) {
        this.location = location;
        this.sources = sources;
        this.workDirectory = workDirectory;
    }

    InputStream open() throws IOException {
        if ("file".equals(location.getScheme())) {
            return sources.open(location);
        }
        stage();
        return Files.newInputStream(copy);
    }

    /** Opens the source for a full read, saying which content it holds (that of the staged copy, for a remote one). */
    SourceRead read() throws IOException {
        if ("file".equals(location.getScheme())) {
            return sources.read(location);
        }
        stage();
        Optional<String> identity = copyIdentity;
        return new SourceRead(Files.newInputStream(copy), () -> identity);
    }

    private void stage() throws IOException {
        if (copy != null) {
            return;
        }
        Path staged = Files.createTempFile(workDirectory, "backdrop-", ".source");
        try (SourceRead in = sources.read(location)) {
            Files.copy(in.stream(), staged, StandardCopyOption.REPLACE_EXISTING);
            copyIdentity = in.identity();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        copy = staged;
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
