package io.backdrop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.api.ApiException;
import io.backdrop.api.CallObserver.Call;
import io.backdrop.api.FailureCause;
import io.backdrop.api.MicrometerCallObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint over a real registry the API observer fills. */
class MetricsServerTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;

    @BeforeEach
    void start() throws IOException {
        server = MetricsServer.start(0, registry::scrape);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesTheCurrentMetricsAsPrometheusText() throws Exception {
        MicrometerCallObserver observer = new MicrometerCallObserver(registry);
        observer.attempt(Call.UPLOAD, 1, null, Duration.ofMillis(30), null, 2048);
        observer.attempt(Call.FEATURE, 1, null, Duration.ofSeconds(2),
                new ApiException(ApiException.Kind.TRANSIENT, 429, "slow down"), 0);
        observer.attempt(Call.FEATURE, 2, FailureCause.RATE_LIMITED, Duration.ofSeconds(3), null, 900);

        HttpResponse<String> response = get(server.address());

        assertThat(server.address().toString()).startsWith("http://127.0.0.1:").endsWith("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MetricsServer.CONTENT_TYPE);
        assertThat(response.body())
                .contains("backdrop_api_latency_seconds_count{call=\"FEATURE\"} 2")
                .contains("backdrop_api_retries_total{call=\"FEATURE\",cause=\"429\"} 1.0")
                .contains("backdrop_api_rate_limited_total{call=\"FEATURE\"} 1.0")
                .contains("backdrop_api_bytes_total{call=\"UPLOAD\",direction=\"up\"} 2048.0")
                .contains("backdrop_api_latency_seconds{call=\"FEATURE\",quantile=\"0.95\"}");

        observer.attempt(Call.DOWNLOAD, 1, null, Duration.ofMillis(5), null, 100);
        assertThat(get(server.address()).body()).as("scraped afresh each time")
                .contains("backdrop_api_latency_seconds_count{call=\"DOWNLOAD\"} 1");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        URI base = server.address();

        assertThat(get(base.resolve("/")).statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(base)
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
