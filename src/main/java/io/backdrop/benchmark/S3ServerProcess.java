package io.backdrop.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An S3-compatible server ({@link S3Server}: S3Proxy or S3Mock, from its executable jar) as a child
 * process, started as a user starts it: plain http on 127.0.0.1 at a free port, the given buckets
 * created, its log (and, for S3Mock, its objects and, when asked, its access log) in a folder of the
 * caller's. The S3 benchmark and the tests' S3 servers are this one class. Stopped by {@link #close},
 * or with the JVM that started it.
 */
public final class S3ServerProcess implements AutoCloseable {

    /** Long enough for a JVM's start on a shared two-core machine under load (seen to exceed 90 s). */
    private static final long STARTUP_SECONDS = 180;

    /** The folder, in the caller's, of S3Mock's access log. */
    static final String ACCESS_LOG = "access";

    private static final String LOG = "server.log";

    private final S3Server server;
    private final Process process;
    private final Thread reaper;
    private final int port;
    private final Path folder;
    /** HTTP/1.1 as the S3 clients speak it: the JDK's default would offer an h2c upgrade first. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private S3ServerProcess(S3Server server, Process process, int port, Path folder) {
        this.server = server;
        this.process = process;
        this.port = port;
        this.folder = folder;
        // If the starting JVM ends without close (a crash, a kill), the server must not outlive it.
        this.reaper = new Thread(process::destroyForcibly, "s3-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts the jar, waits until it answers and creates the buckets it did not create at start.
     *
     * @param folder     holds the server's log ({@code server.log}) and what it keeps on disk
     * @param accessLog  whether the server writes an access log, its own record of each request as
     *                   it is answered, read back by {@link #requests()}; only S3Mock can
     * @param jvmOptions the child JVM's options, e.g. its heap
     */
    public static S3ServerProcess start(S3Server server, Path jar, Path folder, List<String> buckets, boolean accessLog,
                                        List<String> jvmOptions) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no " + server.displayName() + " jar at " + jar + " (a Maven build copies it to "
                    + server.defaultJar() + ")");
        }
        Files.createDirectories(folder);
        int port = freePort();
        // Both servers run on Java 17, so the JVM running Backdrop runs them too.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(server.arguments(port, folder, buckets, accessLog));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve(LOG).toFile());
        builder.environment().putAll(server.environment());
        S3ServerProcess started = new S3ServerProcess(server, builder.start(), port, folder);
        try {
            started.awaitAnswer();
            if (!server.bucketsAtStart()) {
                for (String bucket : buckets) {
                    started.createBucket(bucket);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw new IOException(e.getMessage() + started.logTail(), e);
        }
        return started;
    }

    /** Which server this is. */
    public S3Server server() {
        return server;
    }

    /** Where the S3 API answers: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** Every request the server has answered so far, as {@code "GET /bucket/key?query"}, in order (with the access log). */
    public List<String> requests() throws IOException {
        Path access = folder.resolve(ACCESS_LOG);
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(access)) {
            try (Stream<Path> files = Files.list(access)) {
                for (Path file : files.sorted().toList()) {
                    lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already ending; the hook has run or will, on a process already stopped.
        }
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(server.displayName() + " exited with " + process.exitValue() + " while starting");
            }
            if (answersHttp()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException(server.displayName() + " did not answer on port " + port + " within " + STARTUP_SECONDS + " s");
    }

    /**
     * Ready means the S3 API answers a list of buckets, not merely that the port is open (S3Mock's
     * Tomcat binds before Spring is up).
     */
    private boolean answersHttp() throws InterruptedException {
        try {
            return answer("GET", "/") / 100 == 2;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** CreateBucket, as a plain PUT /bucket: with authorization off a server needs nothing more. */
    private void createBucket(String bucket) throws IOException, InterruptedException {
        int status = answer("PUT", "/" + bucket);
        if (status / 100 != 2) {
            throw new IOException(server.displayName() + " answered " + status + " to creating bucket " + bucket);
        }
    }

    private int answer(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve(path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The end of the server's log, for a start that failed. */
    private String logTail() {
        Path log = folder.resolve(LOG);
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- " + log + " (last lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
