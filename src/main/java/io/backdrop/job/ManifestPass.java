package io.backdrop.job;

import io.backdrop.manifest.ManifestScan;
import io.backdrop.storage.Sources;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The one pass over a manifest that a run makes before anything is paid for: it checks every
 * line (a malformed manifest is refused whole, before the first call) and counts the rows for
 * the progress display. A manifest that is not on this machine (S3, http) is fetched once, into
 * the work directory, and the run, its plan and its progress read that copy: a million-row
 * manifest is downloaded once per run, not once per reader.
 */
@Component
public class ManifestPass {

    /** What the pass found: the rows, and where the manifest is read from for the rest of the run. */
    private record Passed(int rows, Path copy) {
    }

    private final Sources sources;
    private final Path workDirectory;
    private final Map<URI, Passed> passed = new ConcurrentHashMap<>();

    public ManifestPass(Sources sources, JobProperties properties) {
        this.sources = sources;
        this.workDirectory = properties.workDirectory();
    }

    /**
     * Reads the manifest through once, if this process has not already; its rows.
     *
     * @throws io.backdrop.manifest.ManifestFormatException a line is malformed
     */
    public int check(URI manifest) throws IOException {
        Passed done = passed.get(manifest);
        if (done != null) {
            return done.rows();
        }
        Path copy = null;
        if (!"file".equals(manifest.getScheme())) {
            copy = Files.createTempFile(workDirectory, "backdrop-", ".manifest");
            try (InputStream in = sources.open(manifest)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
        }
        Path read = copy;
        int rows;
        try {
            rows = ManifestScan.scan(Sources.display(manifest), () -> open(manifest, read)).rows();
        } catch (IOException | RuntimeException e) {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
            throw e;
        }
        passed.put(manifest, new Passed(rows, copy));
        return rows;
    }

    /** The rows the pass counted; empty when this process has made no pass over the manifest. */
    public OptionalInt rows(URI manifest) {
        Passed done = passed.get(manifest);
        return done == null ? OptionalInt.empty() : OptionalInt.of(done.rows());
    }

    /** The manifest from its first byte: the pass's copy when there is one, else from its storage. */
    public InputStream open(URI manifest) throws IOException {
        Passed done = passed.get(manifest);
        return open(manifest, done == null ? null : done.copy());
    }

    private InputStream open(URI manifest, Path copy) throws IOException {
        return copy != null ? Files.newInputStream(copy) : sources.open(manifest);
    }

    @PreDestroy
    void deleteCopies() throws IOException {
        for (Passed done : passed.values()) {
            if (done.copy() != null) {
                Files.deleteIfExists(done.copy());
            }
        }
    }
}
