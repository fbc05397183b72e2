package io.backdrop.job;

import io.backdrop.storage.SourceObject;
import io.backdrop.storage.SourceRead;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A row's source image, read from its storage at most once: a file on this machine is read in
 * place; an S3 object or http image is copied to a temporary file on first use, with the identity
 * of what was copied, so that probing it, fingerprinting it and uploading it (with retries) share
 * one GET. A source larger than the cap is not copied: its rules reject it, and they read only its
 * first and last bytes, from the storage.
 */
final class StagedSource implements SourceObject, AutoCloseable {

    private final SourceObject stored;
    private final Path workDirectory;
    private final long cap;
    private Path copy;
    private Optional<String> copyIdentity = Optional.empty();
    /** The size of a source found larger than the cap; -1 until then. */
    private long oversize = -1;
    private Optional<String> identity;

    /** A row's source at a location, copied (when remote) only if it may be sent: at most {@link RowValidator#MAX_IMAGE_BYTES}. */
    static StagedSource of(Sources sources, URI location, Path workDirectory) {
        return new StagedSource(sources.object(location), workDirectory, RowValidator.MAX_IMAGE_BYTES);
    }

    /** @param cap the largest source worth copying: the largest a row may send */
    StagedSource(SourceObject stored, Path workDirectory, long cap) {
        this.stored = stored;
        this.workDirectory = workDirectory;
        this.cap = cap;
    }

    @Override
    public URI location() {
        return stored.location();
    }

    @Override
    public long size() throws IOException {
        if (inPlace()) {
            return stored.size();
        }
        stage();
        return oversize >= 0 ? oversize : Files.size(copy);
    }

    @Override
    public InputStream open() throws IOException {
        if (inPlace() || !stage()) {
            return stored.open();
        }
        return Files.newInputStream(copy);
    }

    @Override
    public InputStream openFrom(long offset) throws IOException {
        if (inPlace() || !stage()) {
            return stored.openFrom(offset);
        }
        InputStream in = Files.newInputStream(copy);
        in.skipNBytes(offset);
        return in;
    }

    /** Asked of the storage once per row: the rules and the fingerprint both want it. */
    @Override
    public Optional<String> identity() throws IOException {
        if (identity == null) {
            identity = stored.identity();
        }
        return identity;
    }

    /** A full read, saying which content it holds (that of the staged copy, for a remote source). */
    @Override
    public SourceRead read() throws IOException {
        if (inPlace() || !stage()) {
            return stored.read();
        }
        Optional<String> copied = copyIdentity;
        return new SourceRead(Files.newInputStream(copy), () -> copied);
    }

    private boolean inPlace() {
        return "file".equals(stored.location().getScheme());
    }

    /** Copies the source on first use; false when it is larger than the cap and was not copied. */
    private boolean stage() throws IOException {
        if (copy != null || oversize >= 0) {
            return copy != null;
        }
        Path staged = Files.createTempFile(workDirectory, "backdrop-", ".source");
        try (SourceRead in = stored.read()) {
            if (in.declaredBytes() > cap) {
                // Its size rule rejects it from what the storage declared: none of it is copied.
                Files.deleteIfExists(staged);
                oversize = in.declaredBytes();
                return false;
            }
            long copied;
            try (OutputStream out = Files.newOutputStream(staged)) {
                copied = copyAtMost(in.stream(), out, cap + 1);
            }
            if (copied > cap) {
                Files.deleteIfExists(staged);
                oversize = stored.size();
                return false;
            }
            copyIdentity = in.identity();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        copy = staged;
        return true;
    }

    /** Copies until the end or until more than the limit has been copied, whichever comes first. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        for (int read; copied < limit && (read = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
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
