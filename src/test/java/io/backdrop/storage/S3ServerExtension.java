package io.backdrop.storage;

import io.backdrop.benchmark.S3Server;
import io.backdrop.benchmark.S3ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server the benchmark runs ({@link S3ServerProcess}: S3Mock's or S3Proxy's jar as
 * a child process) for a test class: the given buckets created at start, its files in a temporary
 * folder. Maven copies the jars to target/s3mock/s3mock.jar and target/s3proxy/s3proxy.jar (see
 * the pom). If it cannot start, the tests fail when CI=true and are skipped, saying why, elsewhere.
 * Register it on a test class with
 * {@code @RegisterExtension static final S3ServerExtension S3 = S3ServerExtension.s3Mock("bucket");}.
 */
public final class S3ServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final S3Server kind;
    private final List<String> initialBuckets;
    private boolean accessLog;
    private S3ServerProcess server;
    private S3ClientFactory clients;
    private Path folder;
    private String unavailable;

    private S3ServerExtension(S3Server kind, List<String> initialBuckets) {
        this.kind = kind;
        this.initialBuckets = initialBuckets;
    }

    /** S3Mock: objects on disk; the one that can write an access log. */
    public static S3ServerExtension s3Mock(String... initialBuckets) {
        return new S3ServerExtension(S3Server.S3MOCK, List.of(initialBuckets));
    }

    /** S3Proxy with its in-memory store, the benchmark's default server. */
    public static S3ServerExtension s3Proxy(String... initialBuckets) {
        return new S3ServerExtension(S3Server.S3PROXY, List.of(initialBuckets));
    }

    /**
     * Has the server write an access log (its own record of each request, written as it is
     * answered), so that a test counts the reads the storage served, not the ones a client meant.
     * Only S3Mock writes one.
     */
    public S3ServerExtension withAccessLog() {
        if (kind != S3Server.S3MOCK) {
            throw new IllegalStateException(kind.displayName() + " writes no access log; only S3Mock does");
        }
        accessLog = true;
        return this;
    }

    /** Every request the server has answered so far, as {@code "GET /bucket/key?query"}, in order. */
    public List<String> requests() throws IOException {
        return server.requests();
    }

    /** Where the S3 API answers: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** A client for the server, built by S3ClientFactory as Backdrop builds its own; closed with the server. */
    public S3Client client() {
        if (clients == null) {
            // Both servers take any keys; they are given so the default chain never looks further.
            clients = new S3ClientFactory(endpoint().toString(), Map.of(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("backdrop", "backdrop-secret")));
        }
        return clients.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path jar = Path.of(System.getProperty("basedir", ".")).resolve(kind.defaultJar()).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            unavailable(kind.displayName() + " jar not found at " + jar + " (run the tests through Maven: it copies the jar there)", null);
            return;
        }
        folder = Files.createTempDirectory(kind.optionValue() + "-");
        try {
            // The tests' objects are few and small: 256 MB holds S3Proxy's in-memory store too.
            server = S3ServerProcess.start(kind, jar, folder, initialBuckets, accessLog,
                    List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        } catch (IOException | RuntimeException e) {
            unavailable(kind.displayName() + " did not start: " + e.getMessage(), e);
            deleteFolder();
        }
    }

    /** Skips each test, rather than the class, so that reports count the skipped tests and show why. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (clients != null) {
            clients.close();
            clients = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
        deleteFolder();
    }

    private void deleteFolder() throws IOException {
        if (folder != null && Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        folder = null;
    }

    private void unavailable(String reason, Throwable cause) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason, cause);
        }
        unavailable = reason + " (skipped; with CI=true this fails)";
        System.err.println("WARNING: " + unavailable);
    }
}
