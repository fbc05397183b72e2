package io.backdrop.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code POST /api/assets}: stores one uploaded file and answers with its remote path. */
final class AssetsRoute extends Route {

    static final String PATH = "/api/assets";
    /** Room for the multipart framing around a file of the largest allowed size. */
    private static final long FRAMING_ALLOWANCE = 1024 * 1024;

    private final Replies replies;
    private final SandboxCounters counters;
    private final ApiKeyCheck keys;
    private final MultipartAssetReader reader;
    private final AssetStore assets;
    private final FaultPicker faults;
    private final ResponseBodies bodies;
    private final long maxUploadBytes;

    AssetsRoute(Replies replies, SandboxCounters counters, ApiKeyCheck keys, AssetStore assets, FaultPicker faults,
                ResponseBodies bodies, long maxUploadBytes) {
        super(replies, counters);
        this.replies = replies;
        this.counters = counters;
        this.keys = keys;
        this.reader = new MultipartAssetReader(maxUploadBytes);
        this.assets = assets;
        this.faults = faults;
        this.bodies = bodies;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    void serve(HttpExchange exchange) throws IOException, InterruptedException {
        requirePath(exchange, PATH);
        requireMethod(exchange, "POST");
        keys.require(exchange);
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && declaredLength(length) > maxUploadBytes + FRAMING_ALLOWANCE) {
            throw new RejectedRequest(413, "the upload is larger than the limit of " + maxUploadBytes + " bytes");
        }
        Path incoming = assets.incomingFile();
        try {
            ReceivedFile received = reader.read(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody(), incoming);
            PlannedFault fault = faults.pick(Endpoint.UPLOAD).orElse(null);
            if (fault != null && preempts(exchange, fault)) {
                return;
            }
            StoredAsset stored = assets.keep(incoming, received);
            counters.upload();
            if (fault != null && fault.fault() == Fault.MALFORMED_JSON) {
                replies.malformed(exchange, bodies.asset(stored));
            } else {
                replies.json(exchange, 200, bodies.asset(stored));
            }
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw RejectedRequest.badRequest("Content-Length is not a number");
        }
    }
}
