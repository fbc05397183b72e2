package io.backdrop.storage;

import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 contract against Adobe S3Mock started as a process: runs on every machine with a JDK. */
class S3MockStorageTest extends S3StorageContract {

    private static final String BUCKET = "backdrop-test";

    @RegisterExtension
    static final S3ServerExtension S3MOCK = S3ServerExtension.s3Mock(BUCKET);

    @Override
    protected S3Client s3() {
        return S3MOCK.client();
    }

    @Override
    protected String bucket() {
        return BUCKET;
    }
}
