package io.backdrop.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on 127.0.0.1 that misbehaves on purpose, as a hostile or broken server
 * would: it answers never, trickles, sends without end, or redirects anywhere. It records every
 * request path it was asked for.
 *
 * <ul>
 *   <li>{@code /image.png}: a small PNG header and some bytes, with Content-Length</li>
 *   <li>{@code /silent}: accepts the request and never answers</li>
 *   <li>{@code /trickle}: answers, then sends one byte every 100 ms without end</li>
 *   <li>{@code /endless}: answers 200 and sends bytes as fast as it can, without end; so does
 *   {@code /endless/api/features}, a feature call's answer for an API whose base is {@code /endless}</li>
 *   <li>{@code /redirect?to=URL}: a 302 to the URL, whatever it is</li>
 * </ul>
 */
public final class MisbehavingServer implements AutoCloseable {

    /** The first bytes of a PNG, so that what is served passes a sniff. */
    /** The IEND chunk every whole PNG ends with (length 0, type, CRC). */
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0, (byte) 0x90, (byte) 0x91, 0x68, 0x36};

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong endlessBytesSent = new AtomicLong();
    private final CountDownLatch endlessCutOff = new CountDownLatch(1);

    public MisbehavingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            try (exchange) {
                route(exchange);
            }
        });
        server.setExecutor(handlers);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The same path by the name {@code localhost}, which resolves to a loopback address. */
    public URI byName(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    /** Every path (with query) asked for, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Bytes of {@code /endless} written before the client went away. */
    public long endlessBytesSent() {
        return endlessBytesSent.get();
    }

    /** Waits until the client of {@code /endless} has cut the connection; false if it had not after the wait. */
    public boolean awaitEndlessCutOff(long seconds) throws InterruptedException {
        return endlessCutOff.await(seconds, TimeUnit.SECONDS);
    }

    private void route(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/image.png" -> {
                // A PNG header, some bytes and the end chunk: whole enough for the image rules.
                byte[] body = new byte[4096];
                System.arraycopy(PNG, 0, body, 0, PNG.length);
                System.arraycopy(PNG_END, 0, body, body.length - PNG_END.length, PNG_END.length);
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                if (head) {
                    exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            case "/silent" -> awaitClose();
            case "/trickle" -> {
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write(PNG);
                out.flush();
                while (closing.getCount() > 0) {
                    out.write('.');
                    out.flush();
                    sleep(100);
                }
            }
            case "/endless", "/endless/api/features" -> endless(exchange);
            case "/redirect" -> {
                String query = exchange.getRequestURI().getRawQuery();
                String to = java.net.URLDecoder.decode(query.substring("to=".length()), java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Location", to);
                exchange.sendResponseHeaders(302, -1);
            }
            default -> exchange.sendResponseHeaders(404, -1);
        }
    }

    private void endless(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        byte[] chunk = new byte[64 * 1024];
        System.arraycopy(PNG, 0, chunk, 0, PNG.length);
        try {
            while (closing.getCount() > 0) {
                out.write(chunk);
                endlessBytesSent.addAndGet(chunk.length);
                System.arraycopy(new byte[PNG.length], 0, chunk, 0, PNG.length);
            }
        } catch (IOException cutOff) {
            endlessCutOff.countDown();
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleep(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
