package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /download/<path>}: the pre-signed URLs of results (and the locations of uploads). Like
 * S3's, they need no API key; the query string is not checked.
 */
final class DownloadRoute extends Route {

    static final String PREFIX = "/download/";
    static final byte[] NOT_AN_IMAGE = "sandbox: this body is not an image\n".getBytes(StandardCharsets.US_ASCII);

    private final SandboxCounters counters;
    private final ResultStore results;
    private final AssetStore assets;
    private final FaultPicker faults;

    DownloadRoute(Replies replies, SandboxCounters counters, ResultStore results, AssetStore assets, FaultPicker faults) {
        super(replies, counters);
        this.counters = counters;
        this.results = results;
        this.assets = assets;
        this.faults = faults;
    }

    private record Served(Path file, String mediaType) {
    }

    @Override
    void serve(HttpExchange exchange) throws IOException, InterruptedException {
        requireMethod(exchange, "GET");
        String path = exchange.getRequestURI().getPath();
        String remotePath = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        Served served = results.find(remotePath).map(file -> new Served(file, "image/png"))
                .or(() -> assets.find(remotePath).map(asset -> new Served(asset.file(), asset.mediaType())))
                .orElseThrow(() -> new RejectedRequest(404, "No such object: " + remotePath));

        PlannedFault fault = faults.pick(Endpoint.DOWNLOAD).orElse(null);
        if (fault != null && preempts(exchange, fault)) {
            return;
        }
        Fault effect = fault == null ? null : fault.fault();
        exchange.getResponseHeaders().set("Content-Type", served.mediaType());
        counters.download();
        if (effect == Fault.NOT_AN_IMAGE) {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, NOT_AN_IMAGE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(NOT_AN_IMAGE);
            }
            return;
        }
        long size = Files.size(served.file());
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        OutputStream out = exchange.getResponseBody();
        try (InputStream in = Files.newInputStream(served.file())) {
            if (effect == Fault.TRUNCATED_DOWNLOAD) {
                // Half the announced length, then the exchange closes short, which closes the connection.
                out.write(in.readNBytes((int) Math.min(size / 2, Integer.MAX_VALUE)));
                out.flush();
                return;
            }
            in.transferTo(out);
        }
        out.close();
    }
}
