package io.backdrop.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Adobe S3Mock's executable jar run as a child process, as a user would start it: plain http on
 * 127.0.0.1 at a free port, the given buckets created at start, objects in a temporary folder.
 * Maven copies the jar to target/s3mock/s3mock.jar (see the pom). If it cannot start, the tests
 * fail when CI=true and are skipped, saying why, elsewhere. Register it on a test class with
 * {@code @RegisterExtension static final S3MockProcess S3 = new S3MockProcess("bucket");}.
 */
public final class S3MockProcess implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Long enough for a JVM's start on a shared two-core machine under load (seen to exceed 90 s). */
    private static final long STARTUP_SECONDS = 180;

    private final List<String> initialBuckets;
    private boolean accessLog;
    private Process process;
    private Thread reaper;
    private Path root;
    private Path log;
    private int port;
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
        Path folder = root.resolveSibling(root.getFileName() + "-access");
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    /** Where the S3 API answers: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path jar = Path.of(System.getProperty("basedir", ".")).resolve("target/s3mock/s3mock.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            unavailable("S3Mock jar not found at " + jar + " (run the tests through Maven: it copies the jar there)", null);
            return;
        }
        try {
            start(jar);
        } catch (IOException | RuntimeException e) {
            stop();
            unavailable("S3Mock did not start: " + e.getMessage() + logTail(), e);
        }
    }

    /** Skips each test, rather than the class, so that reports count the skipped tests and show why. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    private void start(Path jar) throws IOException, InterruptedException {
        root = Files.createTempDirectory("s3mock-root");
        port = freePort();
        log = jar.resolveSibling("s3mock-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                // S3Mock 4.0 is built for Java 17, so the JVM running the tests runs it too.
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                // Its main connector, made plain http and bound to loopback, is the one the tests use;
                // the extra http connector S3Mock always adds gets a random port and stays unused.
                "--server.ssl.enabled=false",
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--com.adobe.testing.s3mock.httpPort=0",
                "--com.adobe.testing.s3mock.domain.root=" + root,
                "--com.adobe.testing.s3mock.domain.retainFilesOnExit=false",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        if (accessLog) {
            command.addAll(List.of(
                    "--server.tomcat.accesslog.enabled=true",
                    "--server.tomcat.accesslog.directory=" + root.resolveSibling(root.getFileName() + "-access"),
                    "--server.tomcat.accesslog.buffered=false",
                    "--server.tomcat.accesslog.rotate=false",
                    "--server.tomcat.accesslog.pattern=%m %U%q"));
        }
        if (!initialBuckets.isEmpty()) {
            command.add("--com.adobe.testing.s3mock.domain.initialBuckets=" + String.join(",", initialBuckets));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // If the test JVM ends without afterAll (a crash, a kill), the server must not outlive it.
        reaper = new Thread(process::destroyForcibly, "s3mock-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        awaitListening();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the process exited with " + process.exitValue());
            }
            if (answersHttp()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("no answer on port " + port + " within " + STARTUP_SECONDS + " s");
    }

    /** Ready means the S3 API answers, not merely that the port is open (Tomcat binds before Spring is up). */
    private boolean answersHttp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 2");
        } catch (IOException notYet) {
            return false;
        }
    }

    private void stop() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
        if (reaper != null) {
            Runtime.getRuntime().removeShutdownHook(reaper);
            reaper = null;
        }
        if (root != null) {
            for (Path folder : List.of(root, root.resolveSibling(root.getFileName() + "-access"))) {
                if (Files.exists(folder)) {
                    try (Stream<Path> files = Files.walk(folder)) {
                        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(path);
                        }
                    }
                }
            }
            root = null;
        }
    }

    private String logTail() {
        if (log == null || !Files.isRegularFile(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- " + log + " (last lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void unavailable(String reason, Throwable cause) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason, cause);
        }
        unavailable = reason + " (skipped; with CI=true this fails)";
        System.err.println("WARNING: " + unavailable);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
