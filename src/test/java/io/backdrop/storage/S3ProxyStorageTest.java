package io.backdrop.storage;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 contract against S3Proxy with its in-memory store, started as a process as the S3
 * benchmark starts it: the server the benchmark measures Backdrop against must be one Backdrop works with.
 */
class S3ProxyStorageTest extends S3StorageContract {

    private static final String BUCKET = "backdrop-test";

    @RegisterExtension
    static final S3ServerExtension S3PROXY = S3ServerExtension.s3Proxy(BUCKET);

    private static S3ClientFactory clients;

    @BeforeAll
    static void connect() {
        // With authorization off S3Proxy takes any keys; they are given so the default chain never looks further.
        clients = new S3ClientFactory(S3PROXY.endpoint().toString(), Map.of(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("backdrop", "backdrop-secret")));
    }

    @AfterAll
    static void disconnect() {
        clients.close();
    }

    @Override
    protected S3Client s3() {
        return clients.get();
    }

    @Override
    protected String bucket() {
        return BUCKET;
    }
}
