package io.backdrop.sandbox;

/** The sandbox's emulated calls, each of which can be given faults. */
public enum Endpoint {
    /** {@code POST /api/assets}. */
    UPLOAD,
    /** {@code POST /api/features}. */
    FEATURE,
    /** {@code GET} of a temporaryUrl (or an asset's location). */
    DOWNLOAD
}
