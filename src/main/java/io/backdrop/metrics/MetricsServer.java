package io.backdrop.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.backdrop.platform.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Serves {@code GET /metrics} in the Prometheus text format on 127.0.0.1 while a run lasts, so a
 * long run can be scraped or simply looked at with curl. The JDK's own HTTP server is enough for
 * one scraper every few seconds; no web framework is started for it. Only the loopback address
 * is bound: the metrics are for this machine (an SSH tunnel or a local agent reaches them).
 */
public final class MetricsServer implements AutoCloseable {

    public static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port   the port on 127.0.0.1; 0 for any free one
     * @param scrape the metrics as Prometheus text, made afresh for each request
     */
    public static MetricsServer start(int port, Supplier<String> scrape) throws IOException {
        // The sandbox wants Nagle off for its speed; whichever server comes first decides for the JVM.
        HttpServer server = LoopbackServer.bind(port, 16);
        CustomizableThreadFactory threads = new CustomizableThreadFactory("backdrop-metrics-");
        threads.setDaemon(true);
        ExecutorService executor = Executors.newSingleThreadExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, scrape));
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    public URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    private static void answer(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "not found: try " + PATH + "\n", "text/plain; charset=utf-8", method);
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "only GET\n", "text/plain; charset=utf-8", method);
            } else {
                send(exchange, 200, scrape.get(), CONTENT_TYPE, method);
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String contentType, String method)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(method)) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
