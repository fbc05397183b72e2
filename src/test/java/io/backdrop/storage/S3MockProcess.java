package io.backdrop.storage;

import io.backdrop.benchmark.S3ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The S3-compatible server the benchmark runs ({@link S3ServerProcess}, S3Mock's executable jar as
 * a child process) for a test class: the given buckets created at start, objects in a temporary
 * folder. Maven copies the jar to target/s3mock/s3mock.jar (see the pom). If it cannot start, the
 * tests fail when CI=true and are skipped, saying why, elsewhere. Register it on a test class with
 * {@code @RegisterExtension static final S3MockProcess S3 = new S3MockProcess("bucket");}.
 */
public final class S3MockProcess implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final List<String> initialBuckets;
    private boolean accessLog;
    private S3ServerProcess server;
    private Path folder;
    private String unavailable;

    public S3MockProcess(String... initialBuckets) {
        this.initialBuckets = List.of(initialBuckets);
    }

    /**
     * Has the server write an access log (its own record of each request, written as it is
     * answered), so that a test counts the reads the storage served, not the ones a client meant.
     */
    public S3MockProcess withAccessLog() {
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

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path jar = Path.of(System.getProperty("basedir", ".")).resolve("target/s3mock/s3mock.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            unavailable("S3Mock jar not found at " + jar + " (run the tests through Maven: it copies the jar there)", null);
            return;
        }
        folder = Files.createTempDirectory("s3mock-");
        try {
            server = S3ServerProcess.start(jar, folder, initialBuckets, accessLog,
                    List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        } catch (IOException | RuntimeException e) {
            unavailable("S3Mock did not start: " + e.getMessage(), e);
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
