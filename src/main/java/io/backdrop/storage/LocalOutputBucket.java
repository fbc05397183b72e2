package io.backdrop.storage;

import io.backdrop.platform.IoReason;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** A folder on this machine; a file appears under its final name only once it is complete. */
public class LocalOutputBucket implements OutputBucket {

    private final Path root;

    public LocalOutputBucket(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public boolean exists(String name) {
        return Files.isRegularFile(root.resolve(name));
    }

    @Override
    public String write(String name, Path content, String contentType, Map<String, String> metadata) throws IOException {
        try {
            return writeFile(name, content);
        } catch (FileSystemException e) {
            // The JDK's message is often just the path; the reason is what a user needs.
            throw new IOException(IoReason.of(e) + (e.getFile() == null ? "" : ": " + e.getFile()), e);
        }
    }

    private String writeFile(String name, Path content) throws IOException {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("refusing to write outside the output folder: " + name);
        }
        // Looked at first: createDirectories on a folder that exists throws and catches two
        // exceptions inside the JDK, for every result written.
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
        // A copy in the target's own folder, then a rename: readers never see a partial file.
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
            Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return target.toString();
    }

    @Override
    public void probe() throws IOException {
        try {
            Files.createDirectories(root);
            Files.delete(Files.createTempFile(root, ".backdrop-probe-", ".tmp"));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(e.getFile() + " exists and is not a folder", e);
        } catch (AccessDeniedException e) {
            throw new IOException("permission denied on " + e.getFile(), e);
        } catch (FileSystemException e) {
            // Its message is the path and the system's reason ("Read-only file system", "Not a directory").
            throw new IOException(e.getReason() == null ? e.toString() : e.getFile() + ": " + e.getReason(), e);
        }
    }

    @Override
    public String locationOf(String name) {
        return root.resolve(name).normalize().toString();
    }
}
