package io.backdrop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Downloads from a real HTTP server on 127.0.0.1: found, missing, too large, stalled. */
class HttpSourceStoreTest {

    private static final long CAP = 10_000;

    private final byte[] photo = bytes(6_000);
    private final byte[] huge = bytes(25_000);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer server;
    private HttpSourceStore store;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/photo.png", exchange -> send(exchange, 200, photo, true));
        server.createContext("/streamed.png", exchange -> send(exchange, 200, photo, false));
        server.createContext("/no-head.png", exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, new byte[0], true);
            } else {
                send(exchange, 200, photo, true);
            }
        });
        server.createContext("/huge.png", exchange -> send(exchange, 200, huge, true));
        server.createContext("/huge-streamed.png", exchange -> send(exchange, 200, huge, false));
        server.createContext("/broken.png", exchange -> send(exchange, 500, "oops".getBytes(), true));
        server.createContext("/stalled.png", this::stall);
        server.createContext("/", exchange -> send(exchange, 404, "no such file".getBytes(), true));
        server.setExecutor(handlers);
        server.start();
        // Loopback is not a public address: this server is allowed as a user allows an internal one.
        store = new HttpSourceStore(SourceProperties.defaults().withAllowPrivate(true)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), CAP);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void handlesHttpAndHttpsOnly() {
        assertThat(store.handles(URI.create("https://cdn.example/a.png"))).isTrue();
        assertThat(store.handles(URI.create("http://cdn.example/a.png"))).isTrue();
        assertThat(store.handles(URI.create("s3://bucket/a.png"))).isFalse();
        assertThat(store.handles(URI.create("file:/tmp/a.png"))).isFalse();
    }

    @Test
    void sizeAndContentOfAnImage() throws IOException {
        assertThat(store.size(url("/photo.png"))).isEqualTo(photo.length);
        try (InputStream in = store.open(url("/photo.png"))) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
    }

    @Test
    void sizeWithoutAStatedLengthIsCounted() throws IOException {
        assertThat(store.size(url("/streamed.png"))).isEqualTo(photo.length);
        try (InputStream in = store.open(url("/streamed.png"))) {
            assertThat(in.readAllBytes()).isEqualTo(photo);
        }
    }

    @Test
    void sizeFallsBackToGetWhenHeadIsRefused() throws IOException {
        assertThat(store.size(url("/no-head.png"))).isEqualTo(photo.length);
    }

    @Test
    void missingImageIsSourceNotFoundNamingTheUrl() {
        URI missing = url("/gone.png");
        assertThatThrownBy(() -> store.size(missing)).isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void serverErrorNamesStatusAndUrl() {
        assertThatThrownBy(() -> store.open(url("/broken.png")))
                .isNotInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining(url("/broken.png").toString());
    }

    @Test
    void statedSizeOverTheCapIsReportedAndRefusedForDownload() throws IOException {
        // size() tells the truth so that validation can reject the row with the real size.
        assertThat(store.size(url("/huge.png"))).isEqualTo(huge.length);
        assertThatThrownBy(() -> store.open(url("/huge.png")))
                .hasMessageContaining("is 25000 bytes, larger than the limit of 10000 bytes")
                .hasMessageContaining(url("/huge.png").toString());
    }

    @Test
    void unstatedSizeOverTheCapStopsAtTheCap() throws IOException {
        assertThatThrownBy(() -> store.size(url("/huge-streamed.png"))).hasMessageContaining("larger than the limit of 10000 bytes");
        try (InputStream in = store.open(url("/huge-streamed.png"))) {
            assertThatThrownBy(in::readAllBytes).hasMessageContaining("larger than the limit of 10000 bytes");
        }
    }

    @Test
    @Timeout(30)
    void stalledDownloadFailsAtTheDeadline() throws IOException {
        try (InputStream in = store.open(url("/stalled.png"))) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("download timed out")
                    .hasMessageContaining("/stalled.png");
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** States a length of 5,000 bytes, sends 10 and then nothing until the test ends. */
    private void stall(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 5_000);
        OutputStream out = exchange.getResponseBody();
        out.write(new byte[10]);
        out.flush();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean statedLength) throws IOException {
        exchange.getRequestBody().readAllBytes();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            if (statedLength && status == 200) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        // Length 0 makes the server send the body chunked, with no Content-Length.
        exchange.sendResponseHeaders(status, statedLength ? body.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
