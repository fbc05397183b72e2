package io.backdrop.manifest;

/**
 * A manifest that is not the CSV it must be, e.g. "manifest.csv line 7: has 4 fields, the header
 * has 6". Unchecked so that it passes through Spring Batch's {@code read()} as it is.
 */
public class ManifestFormatException extends RuntimeException {

    private final long line;

    /**
     * @param manifest how the manifest is shown to the user (a path or an s3 URI)
     * @param line     1-based physical line the problem starts on
     * @param problem  what is wrong, as a sentence without the location
     */
    public ManifestFormatException(String manifest, long line, String problem) {
        super(manifest + " line " + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based physical line the problem starts on. */
    public long line() {
        return line;
    }
}
