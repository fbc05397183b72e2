package io.backdrop.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * A source image to upload. The content can be opened again, so a retried upload streams it
 * afresh instead of holding it in memory.
 */
public record UploadSource(String fileName, String mediaType, long size, Opener content) {

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
