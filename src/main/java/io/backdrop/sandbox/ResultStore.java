package io.backdrop.sandbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The remote path of every result handed out, and the rendered file it downloads as. */
final class ResultStore {

    private final Map<String, Path> files = new ConcurrentHashMap<>();

    void register(String resultPath, Path file) {
        files.put(resultPath, file);
    }

    Optional<Path> find(String resultPath) {
        return Optional.ofNullable(files.get(resultPath));
    }
}
