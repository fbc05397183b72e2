package io.backdrop.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where results are published: a local folder or an S3 prefix. Names are relative
 * ({@code sku-1.png}, {@code runs/7/results.csv}); every write is whole or absent.
 */
public interface OutputBucket {

    /** Whether an object of this name is already published. */
    boolean exists(String name) throws IOException;

    /**
     * Publishes the file's bytes under the name, atomically, and answers the location written
     * (a path or a URI), as shown in results.csv.
     */
    String write(String name, Path content, String contentType, Map<String, String> metadata) throws IOException;

    /**
     * Checks now, before anything is paid for, that results can be published here: writes a small
     * probe object and removes it.
     *
     * @throws IOException saying why not, in a user's terms
     */
    void probe() throws IOException;

    /** The location a name has in this bucket, written or not. */
    String locationOf(String name);
}
