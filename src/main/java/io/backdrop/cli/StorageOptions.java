package io.backdrop.cli;

import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where S3 is reached: shared by {@code run}, {@code restart} and {@code plan}, safe to change on restart. */
public class StorageOptions {

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "An S3-compatible server, e.g. http://127.0.0.1:9000 for MinIO; buckets are then addressed "
                    + "in the path (default: $AWS_ENDPOINT_URL_S3, else $AWS_ENDPOINT_URL, else AWS S3).")
    URI endpoint;

    public void addProperties(Map<String, Object> properties) {
        ApiOptions.putIfSet(properties, "backdrop.s3.endpoint", endpoint);
    }
}
