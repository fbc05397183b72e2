package io.backdrop.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the client tests share: a key to hunt for, fast retry settings, real images, the seed's JSON. */
final class Fixtures {

    static final String SECRET = "sk-backdrop-test-7f3a9c2e1d";
    static final ApiKey KEY = ApiKey.of(SECRET);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    /** Millisecond backoffs, so retries cost the tests nothing. */
    static ApiProperties properties(URI base, int maxAttempts) {
        return properties(base, Duration.ofSeconds(2), Duration.ofSeconds(10), maxAttempts,
                Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMinutes(1), 10 * 1024 * 1024);
    }

    /** Without a rate limit, and with the read timeout for transfers too. */
    static ApiProperties properties(URI base, Duration connectTimeout, Duration readTimeout, int maxAttempts,
                                    Duration initialBackoff, Duration maxBackoff, Duration maxRetryTime, long maxDownloadBytes) {
        return new ApiProperties(base, connectTimeout, readTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                maxRetryTime, maxDownloadBytes, null);
    }

    /** The same properties with this rate limit. */
    static ApiProperties withRateLimit(ApiProperties properties, String rateLimit) {
        return new ApiProperties(properties.baseUrl(), properties.connectTimeout(), properties.readTimeout(),
                properties.transferTimeout(), properties.maxAttempts(), properties.initialBackoff(), properties.maxBackoff(),
                properties.maxRetryTime(), properties.maxDownloadBytes(), rateLimit);
    }

    static OneMinClient client(URI base, int maxAttempts) {
        return new OneMinClient(properties(base, maxAttempts), KEY, CallObserver.NONE);
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 7 + y * 13) & 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A source that counts how often it is opened, to show each attempt streams it afresh. */
    static UploadSource source(String fileName, String mediaType, byte[] content, AtomicInteger opens) {
        return new UploadSource(fileName, mediaType, content.length, () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(content);
        });
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String assetAnswer(String path) {
        return """
                {"asset": {"key": "%1$s", "mimetype": "image/png", "size": 1234,
                           "location": "https://s3.us-east-1.amazonaws.com/asset.1min.ai/%1$s"},
                 "fileContent": {"uuid": "0b7f0c1e-1111-2222-3333-444455556666", "path": "%1$s",
                                 "type": "png", "name": "shoe.png"}}
                """.formatted(path);
    }

    /** The seed's documented answer, as a tree to edit. */
    static ObjectNode seedFeatureAnswer() {
        return (ObjectNode) JSON.readTree(resource("seed-feature-response.json"));
    }

    static ObjectNode aiRecordOf(ObjectNode answer) {
        return (ObjectNode) answer.get("aiRecord");
    }
}
