package io.backdrop.storage;

import io.backdrop.platform.IoReason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Files on this machine, as {@code file:} URIs. */
public class LocalSourceStore implements SourceStore {

    @Override
    public boolean handles(URI location) {
        return "file".equals(location.getScheme());
    }

    @Override
    public long size(URI location) throws IOException {
        return regularFile(location).size();
    }

    @Override
    public InputStream open(URI location) throws IOException {
        Path path = Path.of(location);
        regularFile(location);
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new IOException(IoReason.of(e) + ": " + path, e);
        }
    }

    /**
     * The file's attributes, once it is known to be a regular file: a folder, a FIFO (whose read
     * would wait for a writer forever) or a device such as /dev/zero (which never ends) is not read.
     */
    private static BasicFileAttributes regularFile(URI location) throws IOException {
        Path path = Path.of(location);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new SourceNotFoundException(path.toString());
        } catch (IOException e) {
            throw new IOException(IoReason.of(e) + ": " + path, e);
        }
        if (attributes.isDirectory()) {
            throw new IOException("is a directory, not a file: " + path);
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("is not a regular file (a device, FIFO or socket), so it is not read: " + path);
        }
        return attributes;
    }
}
