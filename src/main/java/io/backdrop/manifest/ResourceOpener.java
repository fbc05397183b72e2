package io.backdrop.manifest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a manifest's bytes from the start, as often as asked: the preflight scan reads the file
 * once, and the reader reads it again (and again on a restart).
 */
@FunctionalInterface
public interface ResourceOpener {

    /** A fresh stream at the first byte; the caller closes it. */
    InputStream open() throws IOException;
}
