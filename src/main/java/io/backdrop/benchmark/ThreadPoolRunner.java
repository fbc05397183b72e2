package io.backdrop.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain way to do a catalog's calls, for comparison: a fixed pool of threads, each row's photo
 * read (from a folder or S3), uploaded, generated, downloaded and written (to a folder or S3), with
 * nothing else (no validation, ledger, retries or reports). What Backdrop adds around the same calls
 * is the difference in their figures.
 */
final class ThreadPoolRunner {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final RunnerFiles files;
    private final URI apiBaseUrl;
    private final String apiKey;

    ThreadPoolRunner(RunnerFiles files, URI apiBaseUrl, String apiKey) {
        this.files = files;
        this.apiBaseUrl = apiBaseUrl;
        this.apiKey = apiKey;
    }

    /** Works every row of the manifest with {@code concurrency} threads; answers when it began and ended. */
    JobOutcome run(List<BenchmarkManifest.Row> rows, String prompt, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        Instant began = Instant.now();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (BenchmarkManifest.Row row : rows) {
                work.add(pool.submit(() -> {
                    row(row, prompt);
                    return null;
                }));
            }
            for (Future<?> row : work) {
                row.get();
            }
        } finally {
            pool.shutdown();
        }
        return new JobOutcome(rows.size(), began, Instant.now());
    }

    private void row(BenchmarkManifest.Row row, String prompt) throws IOException, InterruptedException {
        byte[] photo = files.read(row.image());
        String boundary = "runner-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"asset\"; filename=\"photo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode asset = call(HttpRequest.newBuilder(apiBaseUrl.resolve("/api/assets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String path = asset.path("fileContent").path("path").asString();
        byte[] feature = json.writeValueAsBytes(Map.of("type", "BACKGROUND_REPLACER", "model", "gpt-image-2",
                "promptObject", Map.of("imageUrl", path, "prompt", prompt, "size", BenchmarkManifest.SIZE,
                        "quality", BenchmarkManifest.QUALITY, "background", "auto")));
        JsonNode record = call(HttpRequest.newBuilder(apiBaseUrl.resolve("/api/features"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(feature)));
        URI result = URI.create(record.path("aiRecord").path("temporaryUrl").asString());
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(result).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (image.statusCode() != 200) {
            throw new IOException("download of " + result + " answered " + image.statusCode());
        }
        files.write(row.id() + ".png", image.body());
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = http.send(request.header("API-KEY", apiKey).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException(request.build().uri() + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(answer.body());
    }
}
