package io.backdrop.benchmark;

/**
 * What the S3 benchmark leaves in its S3 server, and the heap S3Proxy needs to hold all of it in
 * memory: the photos, night 1's results and the thread pool's (night 2 adds one), the manifests and
 * Backdrop's small files beside the results.
 *
 * @param photoBytes the size of one catalog photo
 */
record CatalogFootprint(int rows, long photoBytes, boolean threadPool) {

    private static final long MB = 1024 * 1024;

    /** A result as the sandbox renders it for the benchmark photo (about 30 KB), rounded up. */
    static final long RESULT_BYTES = 32 * 1024;

    /**
     * What a stored object costs beyond its bytes (its key, metadata and map entries), and a row's
     * share of the manifest and of Backdrop's results files; generous, as both are small.
     */
    static final long PER_OBJECT_BYTES = 2 * 1024;

    /** The server's own needs with an empty store: Jetty, jclouds, requests in flight. */
    static final long BASE_HEAP_BYTES = 256 * MB;

    /** The objects written: the photos, night 1's results, the pool's, and a few more. */
    long objects() {
        return rows + resultsPerRow() * (long) rows + 16;
    }

    /** Their bytes, the photos' and the results'. */
    long bytes() {
        return rows * photoBytes + (resultsPerRow() * (long) rows + 1) * RESULT_BYTES;
    }

    /**
     * S3Proxy's heap in megabytes: its base, and the store with half as much again, so that the
     * collector has room and a PUT's body, held whole while it is stored, always fits.
     */
    long s3ProxyHeapMegabytes() {
        long store = bytes() + objects() * PER_OBJECT_BYTES;
        return (BASE_HEAP_BYTES + store + store / 2 + MB - 1) / MB;
    }

    private int resultsPerRow() {
        return threadPool ? 2 : 1;
    }
}
