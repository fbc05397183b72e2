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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible server (Adobe S3Mock's executable jar, the one the project's tests run) as a
 * child process, started as a user starts it: plain http on 127.0.0.1 at a free port, one bucket
 * created at start, its objects in a folder of the caller's. Stopped by {@link #close}.
 */
final class S3ServerProcess implements AutoCloseable {

    private static final long STARTUP_SECONDS = 120;

    private final Process process;
    private final int port;

    private S3ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the jar with the given bucket, its data and log in {@code folder}; waits until it answers. */
    static S3ServerProcess start(Path jar, String bucket, Path folder) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no S3Mock executable jar at " + jar + " (a Maven build copies it to target/s3mock/s3mock.jar)");
        }
        Files.createDirectories(folder.resolve("data"));
        int port = freePort();
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(),
                "--server.ssl.enabled=false",
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--com.adobe.testing.s3mock.httpPort=0",
                "--com.adobe.testing.s3mock.domain.root=" + folder.resolve("data"),
                "--com.adobe.testing.s3mock.domain.retainFilesOnExit=false",
                "--com.adobe.testing.s3mock.domain.initialBuckets=" + bucket,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("s3mock.log").toFile())
                .start();
        S3ServerProcess server = new S3ServerProcess(process, port);
        try {
            server.awaitAnswer();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
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

    /** Ready means the S3 API answers, not merely that the port is open. */
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
