package io.backdrop.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The one S3 client of a run, built on first use with the standard AWS configuration: the default
 * credentials chain, {@code AWS_REGION}, and the endpoint override (an explicit option, else
 * {@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}). Closing closes the client if built.
 */
public final class S3ClientFactory implements Supplier<S3Client>, AutoCloseable {

    /** Where a bucket's region is unknown: S3 answers there for every bucket, and local servers ignore it. */
    static final Region FALLBACK_REGION = Region.US_EAST_1;

    private final Optional<URI> endpointOverride;
    private final Map<String, String> environment;
    private final AwsCredentialsProvider credentials;
    private final int maxConnections;
    private S3Client client;

    /**
     * @param endpoint    an explicit endpoint (e.g. {@code http://127.0.0.1:9000}) or null
     * @param environment the process environment ({@code System.getenv()}), passed in so tests need not change it
     * @param credentials where keys come from; {@link #standard} uses the default chain
     */
    public S3ClientFactory(String endpoint, Map<String, String> environment, AwsCredentialsProvider credentials) {
        this(endpoint, environment, credentials, DEFAULT_MAX_CONNECTIONS);
    }

    /** @param maxConnections the connection pool's size: the calls the run makes at once, and a few for its own reads */
    public S3ClientFactory(String endpoint, Map<String, String> environment, AwsCredentialsProvider credentials,
                           int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("an S3 connection pool needs at least one connection, not " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.environment = Map.copyOf(environment);
        this.credentials = credentials;
        this.endpointOverride = endpointFrom(endpoint == null || endpoint.isBlank() ? null : endpoint.trim(), this.environment);
    }

    /** The standard configuration from this process's environment and the default credentials chain. */
    public static S3ClientFactory standard(String endpoint) {
        return standard(endpoint, System.getenv());
    }

    /**
     * The standard configuration from the given environment variables: region, endpoint and, when
     * they hold {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, the keys; without
     * them, the SDK's default chain (profile, web identity, container, instance) finds the keys.
     */
    public static S3ClientFactory standard(String endpoint, Map<String, String> environment) {
        return new S3ClientFactory(endpoint, environment, credentialsFrom(environment));
    }

    /**
     * As {@link #standard(String, Map)}, with a connection for each of {@code workers} threads that
     * may each read or write an object at once, plus {@link #OWN_READS} for the manifest stream, the
     * reader's probes and the run's files: AWS's advice for throughput is one client whose pool
     * matches the requests in flight, so no worker waits for a connection and none is opened only to idle.
     */
    public static S3ClientFactory standard(String endpoint, Map<String, String> environment, int workers) {
        return new S3ClientFactory(endpoint, environment, credentialsFrom(environment), workers + OWN_READS);
    }

    /** The SDK's own default pool size. */
    static final int DEFAULT_MAX_CONNECTIONS = 50;

    /** Connections beyond the workers': the manifest being streamed, the reader's probes, results.csv and report.html. */
    static final int OWN_READS = 4;

    /** The connection pool's size. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The keys in the variables, else the default chain. The default chain reads the process's
     * own variables; reading the given ones first is the same thing in production and lets a
     * caller that hands the console its variables (a test) hand it keys too.
     */
    static AwsCredentialsProvider credentialsFrom(Map<String, String> environment) {
        String keyId = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String session = environment.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(session == null || session.isBlank()
                ? AwsBasicCredentials.create(keyId.trim(), secret.trim())
                : AwsSessionCredentials.create(keyId.trim(), secret.trim(), session.trim()));
    }

    /** The endpoint override in force, if any: the explicit option first, then the standard variables. */
    public Optional<URI> endpointOverride() {
        return endpointOverride;
    }

    /**
     * Read when the factory is made, so a malformed endpoint is a clear error naming where it came
     * from at start, not a failure of whatever first touches S3.
     */
    private static Optional<URI> endpointFrom(String option, Map<String, String> environment) {
        String source = "--s3-endpoint";
        String value = option;
        for (String name : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")) {
            if (value == null && environment.get(name) != null && !environment.get(name).isBlank()) {
                source = name;
                value = environment.get(name).trim();
            }
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException malformed) {
            // reported below, as any other unusable value
        }
        throw new IllegalArgumentException(source + " '" + value + "' is not an S3 endpoint: give an http:// or https:// URL "
                + "with a host, e.g. http://127.0.0.1:9000");
    }

    /**
     * {@code AWS_REGION}, then the {@code aws.region} system property and the profile file, then
     * us-east-1. The EC2 instance metadata lookup of the SDK's default chain is left out on purpose:
     * off EC2 it waits for a timeout, and on EC2 AWS_REGION or the profile says the same.
     */
    public Region region() {
        Optional<Region> fromEnvironment = variable("AWS_REGION").map(Region::of);
        if (fromEnvironment.isPresent()) {
            return fromEnvironment.get();
        }
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()).getRegion();
        } catch (SdkClientException noRegionConfigured) {
            return FALLBACK_REGION;
        }
    }

    /** The shared client, built on the first call. */
    @Override
    public synchronized S3Client get() {
        if (client == null) {
            client = build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private S3Client build() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections))
                .credentialsProvider(credentials)
                .region(region())
                // Checksums only where an operation requires them: with the default (WHEN_SUPPORTED)
                // the SDK sends aws-chunked bodies with CRC trailers, which MinIO, Ceph and older
                // emulators store as part of the object or reject. Uploads still carry the SHA-256
                // header that S3OutputBucket computes.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Over plain http the SDK would otherwise frame uploads as signed aws-chunked
                // ("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"); without it the body on the wire is the
                // file itself, signed by its SHA-256 (the file is read twice, never held whole).
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        Optional<URI> override = endpointOverride();
        if (override.isPresent()) {
            // S3-compatible servers seldom resolve bucket.host names; bucket-in-path always works.
            builder.endpointOverride(override.get()).forcePathStyle(true);
        } else {
            // With the us-east-1 fallback, buckets elsewhere are still reached (the SDK follows the region redirect).
            builder.crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
