package io.backdrop.sandbox;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain JDK HTTP client for the sandbox's tests: the calls a Backdrop client makes, built by hand. */
final class SandboxHttp {

    static final String KEY = "test-key-123";
    static final String BOUNDARY = "----sandbox-test-boundary-7f3a";

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    SandboxHttp(URI base) {
        this.base = base;
    }

    /** A 640x480 transparent PNG with a red square in its middle. */
    static byte[] photo() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(220, 140, 200, 200);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A multipart/form-data body with one file part. */
    static byte[] multipart(String field, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    HttpResponse<String> upload(String key, byte[] multipartBody) throws IOException, InterruptedException {
        return send(post("/api/assets", key, "multipart/form-data; boundary=" + BOUNDARY,
                HttpRequest.BodyPublishers.ofByteArray(multipartBody)));
    }

    HttpResponse<String> upload(byte[] image, String fileName) throws IOException, InterruptedException {
        return upload(KEY, multipart("asset", fileName, image));
    }

    /** Uploads the photo and answers its remote path. */
    String uploadPhoto() throws IOException, InterruptedException {
        HttpResponse<String> response = upload(photo(), "photo.png");
        if (response.statusCode() != 200) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return read(response).get("fileContent").get("path").stringValue();
    }

    HttpResponse<String> feature(String key, String body) throws IOException, InterruptedException {
        return send(post("/api/features", key, "application/json", HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> feature(String imageUrl, String prompt, String size, String quality) throws IOException, InterruptedException {
        return feature(KEY, featureBody(imageUrl, prompt, size, quality));
    }

    static String featureBody(String imageUrl, String prompt, String size, String quality) {
        return """
                {"type":"BACKGROUND_REPLACER","model":"gpt-image-2","promptObject":{"imageUrl":"%s","prompt":"%s","size":"%s","quality":"%s","background":"auto"}}
                """.formatted(imageUrl, prompt, size, quality);
    }

    HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String path, String key, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType).POST(body);
        if (key != null) {
            builder.header("API-KEY", key);
        }
        return builder.build();
    }
}
