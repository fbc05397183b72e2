package io.backdrop.storage;

import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 contract against S3Proxy with its in-memory store, started as a process as the S3
 * benchmark starts it: the server the benchmark measures Backdrop against must be one Backdrop works with.
 */
class S3ProxyStorageTest extends S3StorageContract {

    private static final String BUCKET = "backdrop-test";

    @RegisterExtension
    static final S3ServerExtension S3PROXY = S3ServerExtension.s3Proxy(BUCKET);

    @Override
    protected S3Client s3() {
        return S3PROXY.client();
    }

    @Override
    protected String bucket() {
        return BUCKET;
    }
}
