package io.backdrop.cli;

import io.backdrop.storage.SourceProperties;
import java.net.URI;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where S3 is reached and which http(s) sources may be read: shared by {@code run}, {@code restart} and {@code plan}, safe to change on restart. */
public class StorageOptions {

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "An S3-compatible server, e.g. http://127.0.0.1:9000 for MinIO; buckets are then addressed "
                    + "in the path (default: $AWS_ENDPOINT_URL_S3, else $AWS_ENDPOINT_URL, else AWS S3).")
    URI endpoint;

    @Option(names = "--allow-source-host", paramLabel = "HOST",
            description = "Read http(s) sources from this host even when it resolves to a private or loopback address, "
                    + "e.g. an internal image server (repeatable; default: public addresses only).")
    List<String> allowSourceHosts;

    @Option(names = "--allow-private-sources",
            description = "Read http(s) sources from any address, private, link-local and loopback included.")
    Boolean allowPrivateSources;

    public void addProperties(Map<String, Object> properties) {
        ApiOptions.putIfSet(properties, "backdrop.s3.endpoint", endpoint);
        if (allowSourceHosts != null) {
            try {
                allowSourceHosts.forEach(SourceProperties::checkHost);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
            properties.put("backdrop.sources.allow-hosts", String.join(",", allowSourceHosts));
        }
        ApiOptions.putIfSet(properties, "backdrop.sources.allow-private", allowPrivateSources);
    }
}
