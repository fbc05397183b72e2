package io.backdrop.storage;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 contract against MinIO, where a Docker engine exists; skipped without one. */
@Testcontainers(disabledWithoutDocker = true)
class MinioStorageTest extends S3StorageContract {

    private static final String BUCKET = "backdrop-test";

    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z");

    private static S3ClientFactory clients;

    @BeforeAll
    static void connect() {
        clients = new S3ClientFactory(MINIO.getS3URL(), Map.of(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())));
        clients.get().createBucket(request -> request.bucket(BUCKET));
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
