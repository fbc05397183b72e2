package io.backdrop.storage;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 contract against Adobe S3Mock started as a process: runs on every machine with a JDK. */
class S3MockStorageTest extends S3StorageContract {

    private static final String BUCKET = "backdrop-test";

    @RegisterExtension
    static final S3ServerExtension S3MOCK = S3ServerExtension.s3Mock(BUCKET);

    private static S3ClientFactory clients;

    @BeforeAll
    static void connect() {
        // S3Mock accepts any keys; they are given here so the default chain never looks further.
        clients = new S3ClientFactory(S3MOCK.endpoint().toString(), Map.of(),
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
