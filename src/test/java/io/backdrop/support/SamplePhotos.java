package io.backdrop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's sample photos (sample-manifests/images), as tests lay them out beside their manifests. */
public final class SamplePhotos {

    private static final Path FOLDER = Path.of("sample-manifests", "images");

    private SamplePhotos() {
    }

    /** Copies the named photos into {@code folder}, creating it; returns the folder. */
    public static Path copyInto(Path folder, String... names) throws IOException {
        Files.createDirectories(folder);
        for (String name : names) {
            Files.copy(FOLDER.resolve(name), folder.resolve(name));
        }
        return folder;
    }

    public static byte[] read(String name) throws IOException {
        return Files.readAllBytes(FOLDER.resolve(name));
    }
}
