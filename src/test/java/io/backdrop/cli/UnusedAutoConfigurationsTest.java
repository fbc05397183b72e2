package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class UnusedAutoConfigurationsTest {

    private static final String RABBIT = RabbitAutoConfiguration.class.getName();
    private static final String PROMETHEUS = PrometheusMetricsExportAutoConfiguration.class.getName();
    private static final String JVM_METERS = JvmMetricsAutoConfiguration.class.getName();

    @Test
    void aLocalRunWithoutAMetricsPortLeavesOutRabbitPrometheusAndBootsHttpClients() {
        assertThat(excludedWith(Map.of())).contains(RABBIT, PROMETHEUS, JVM_METERS,
                RestClientAutoConfiguration.class.getName());
    }

    @Test
    void aRemoteRunAndAWorkerKeepRabbit() {
        assertThat(excludedWith(Map.of("backdrop.partition.remote", "true"))).doesNotContain(RABBIT);
        assertThat(excludedWith(Map.of("backdrop.remote.worker", "true"))).doesNotContain(RABBIT);
        assertThat(excludedWith(Map.of("backdrop.partition.remote", "false"))).contains(RABBIT);
    }

    @Test
    void aValueItCannotReadKeepsRabbitForTheJobToRefuse() {
        assertThat(excludedWith(Map.of("backdrop.partition.remote", "maybe"))).doesNotContain(RABBIT);
    }

    @Test
    void aMetricsPortKeepsPrometheusAndTheJvmMeters() {
        assertThat(excludedWith(Map.of("backdrop.metrics.port", "0"))).doesNotContain(PROMETHEUS, JVM_METERS);
    }

    @Test
    void theUsersOwnExclusionsAreKept() {
        assertThat(excludedWith(Map.of("spring.autoconfigure.exclude", "com.example.OwnAutoConfiguration")))
                .contains("com.example.OwnAutoConfiguration", RABBIT);
    }

    private static List<String> excludedWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
        new UnusedAutoConfigurations().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
        return Arrays.asList(environment.getProperty(UnusedAutoConfigurations.EXCLUDE, String[].class));
    }
}
