package io.backdrop.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the metrics server with the application when {@code backdrop.metrics.port} is set ({@code --metrics-port}). */
@Configuration
public class MetricsServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MetricsServerConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("backdrop.metrics.port")
    public MetricsServer metricsServer(@Value("${backdrop.metrics.port}") int port, PrometheusMeterRegistry registry) {
        try {
            MetricsServer server = MetricsServer.start(port, registry::scrape);
            log.info("Metrics: {}", server.address());
            return server;
        } catch (IOException e) {
            // Without the cause: the console shows the innermost message, and this one says which option.
            throw new IllegalStateException("cannot serve metrics on 127.0.0.1:" + port + " (--metrics-port): " + e.getMessage());
        }
    }
}
