package io.backdrop.storage;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 that records every request as it arrived on the wire and
 * answers all of them with one status, to see exactly what the S3 client sends.
 */
final class RecordingS3Endpoint implements AutoCloseable {

    record Request(String method, String rawPath, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** The size a successful HEAD states. */
    static final long HEAD_CONTENT_LENGTH = 4_321;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    RecordingS3Endpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every later request is answered with this status (403 and 404 carry an S3 error body). */
    void answerWith(int status) {
        this.status = status;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                copy(exchange.getRequestHeaders()), body));
        int answer = status;
        byte[] error = switch (answer) {
            case 403 -> s3Error("AccessDenied", "Access Denied");
            case 404 -> s3Error("NoSuchKey", "The specified key does not exist.");
            default -> new byte[0];
        };
        exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef\"");
        exchange.getResponseHeaders().add("x-amz-request-id", "recording");
        if (answer >= 300) {
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head && answer == 200) {
            exchange.getResponseHeaders().add("Content-Length", Long.toString(HEAD_CONTENT_LENGTH));
        }
        boolean noBody = head || error.length == 0;
        exchange.sendResponseHeaders(answer, noBody ? -1 : error.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!noBody) {
                out.write(error);
            }
        }
    }

    private static byte[] s3Error(String code, String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>recording</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            copy.put(header.getKey(), List.copyOf(header.getValue()));
        }
        return copy;
    }
}
