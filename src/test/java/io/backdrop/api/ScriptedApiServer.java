package io.backdrop.api;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on 127.0.0.1 that answers each path from a script and keeps every request
 * it received, so tests can check exactly what the client sent. The last reply of a script
 * repeats once the others are used up.
 * <p>
 * A test class registers one per test ({@code @RegisterExtension final ScriptedApiServer server =
 * new ScriptedApiServer();}): it is started before each test and closed after it. Elsewhere,
 * {@link #started()} gives one to close by hand.
 */
final class ScriptedApiServer implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    /** A request as the server saw it. */
    record Received(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How to answer one request. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    private HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    /** A server started now, to close by hand. */
    static ScriptedApiServer started() throws IOException {
        ScriptedApiServer scripted = new ScriptedApiServer();
        scripted.start();
        return scripted;
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI uri(String path) {
        return URI.create(base() + path);
    }

    ScriptedApiServer script(String path, Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    List<Received> received(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received request : received) {
            if (request.path().equals(path)) {
                matching.add(request);
            }
        }
        return matching;
    }

    static Reply json(int status, String body, String... headerPairs) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().set(headerPairs[i], headerPairs[i + 1]);
            }
            bytes(status, body.getBytes(StandardCharsets.UTF_8)).send(exchange);
        };
    }

    static Reply bytes(int status, byte[] body) {
        return exchange -> {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** Promises {@code declared} bytes, sends only {@code sent}, and hangs up. */
    static Reply truncated(int declared, byte[] sent) {
        return exchange -> {
            exchange.sendResponseHeaders(200, declared);
            OutputStream out = exchange.getResponseBody();
            out.write(sent);
            out.flush();
            // Throwing out of the handler makes the server drop the connection mid-body.
            throw new IOException("hanging up after " + sent.length + " of " + declared + " bytes");
        };
    }

    /** Hangs up without answering. */
    static Reply drop() {
        return HttpExchange::close;
    }

    /** Answers only when the server closes: long enough for any client timeout. */
    Reply hang() {
        return exchange -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    /**
     * Answers 200 and then sends its JSON body a space every 200 ms, until the client gives up or the
     * server closes: never silent for long, so only a limit on the whole exchange ends it.
     */
    Reply trickle() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                out.write('{');
                out.flush();
                while (!released.await(200, TimeUnit.MILLISECONDS)) {
                    out.write(' ');
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException cutOff) {
                // the client closed the connection: what this reply is for
            }
            exchange.close();
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
        Deque<Reply> script = scripts.get(path);
        Reply reply;
        synchronized (this) {
            reply = script == null ? null : script.size() > 1 ? script.poll() : script.peek();
        }
        if (reply == null) {
            bytes(404, new byte[0]).send(exchange);
            return;
        }
        reply.send(exchange);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
