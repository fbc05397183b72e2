package io.backdrop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files on this machine, as {@code file:} URIs. */
public class LocalSourceStore implements SourceStore {

    @Override
    public boolean handles(URI location) {
        return "file".equals(location.getScheme());
    }

    @Override
    public long size(URI location) throws IOException {
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new SourceNotFoundException(path.toString());
        }
        return Files.size(path);
    }

    @Override
    public InputStream open(URI location) throws IOException {
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new SourceNotFoundException(path.toString());
        }
        return Files.newInputStream(path);
    }
}
