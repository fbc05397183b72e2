package io.backdrop.benchmark;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An S3-compatible server (Adobe S3Mock's executable jar) as a child process, started as a user
 * starts it: plain http on 127.0.0.1 at a free port, the given buckets created at start, its
 * objects, log and (when asked) access log in a folder of the caller's. The S3 benchmark and the
 * tests' S3 server are this one class. Stopped by {@link #close}, or with the JVM that started it.
 */
public final class S3ServerProcess implements AutoCloseable {

    /** Long enough for a JVM's start on a shared two-core machine under load (seen to exceed 90 s). */
    private static final long STARTUP_SECONDS = 180;

    private final Process process;
    private final Thread reaper;
    private final int port;
    private final Path folder;

    private S3ServerProcess(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
        // If the starting JVM ends without close (a crash, a kill), the server must not outlive it.
        this.reaper = new Thread(process::destroyForcibly, "s3-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts the jar and waits until it answers.
     *
     * @param folder     holds the objects ({@code data}), the server's log ({@code s3mock.log}) and
     *                   its access log ({@code access})
     * @param accessLog  whether the server writes an access log, its own record of each request as
     *                   it is answered, read back by {@link #requests()}
     * @param jvmOptions the child JVM's options, e.g. its heap
     */
    public static S3ServerProcess start(Path jar, Path folder, List<String> buckets, boolean accessLog,
                                        List<String> jvmOptions) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no S3Mock executable jar at " + jar + " (a Maven build copies it to target/s3mock/s3mock.jar)");
        }
        Files.createDirectories(folder.resolve("data"));
        int port = freePort();
        // S3Mock 4 is built for Java 17, so the JVM running Backdrop runs it too.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                // Its main connector, made plain http and bound to loopback, is the one used; the
                // extra http connector S3Mock always adds gets a random port and stays unused.
                "--server.ssl.enabled=false",
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--com.adobe.testing.s3mock.httpPort=0",
                "--com.adobe.testing.s3mock.domain.root=" + folder.resolve("data"),
                "--com.adobe.testing.s3mock.domain.retainFilesOnExit=false",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        if (accessLog) {
            command.addAll(List.of(
                    "--server.tomcat.accesslog.enabled=true",
                    "--server.tomcat.accesslog.directory=" + folder.resolve("access"),
                    "--server.tomcat.accesslog.buffered=false",
                    "--server.tomcat.accesslog.rotate=false",
                    "--server.tomcat.accesslog.pattern=%m %U%q"));
        }
        if (!buckets.isEmpty()) {
            command.add("--com.adobe.testing.s3mock.domain.initialBuckets=" + String.join(",", buckets));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("s3mock.log").toFile())
                .start();
        S3ServerProcess server = new S3ServerProcess(process, port, folder);
        try {
            server.awaitAnswer();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw new IOException(e.getMessage() + server.logTail(), e);
        }
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
        Path access = folder.resolve("access");
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
                throw new IOException("S3Mock exited with " + process.exitValue() + " while starting");
            }
            if (answersHttp()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("S3Mock did not answer on port " + port + " within " + STARTUP_SECONDS + " s");
    }

    /** Ready means the S3 API answers, not merely that the port is open (Tomcat binds before Spring is up). */
    private boolean answersHttp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 2");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The end of the server's log, for a start that failed. */
    private String logTail() {
        Path log = folder.resolve("s3mock.log");
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
