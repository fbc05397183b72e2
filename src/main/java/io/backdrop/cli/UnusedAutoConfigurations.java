package io.backdrop.cli;

import io.backdrop.job.PartitionProperties;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.metrics.HttpClientMetricsAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.startup.StartupTimeMetricsListenerAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateObservationAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves out the auto-configurations a command's application does not use, since each one costs
 * every command's start-up its conditions, classes and beans: Boot's HTTP client, RestClient and
 * RestTemplate set-up (the API client and the sources build their own Apache HttpClient 5
 * clients), RabbitMQ unless the job is remote ({@code run --remote}, {@code worker}), and the
 * Prometheus registry with the JVM, system, pool and logging meters unless {@code --metrics-port}
 * serves them. The end summary's meters live in the registry Boot provides either way. Decided
 * from the prepared environment, so a setting made by an option, a job file, a Spring argument
 * or an environment variable counts alike; exclusions the user gives are kept.
 */
final class UnusedAutoConfigurations implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String NAME = "backdropUnusedAutoConfigurations";
    static final String EXCLUDE = "spring.autoconfigure.exclude";
    static final String REMOTE_WORKER = "backdrop.remote.worker";
    static final String METRICS_PORT = "backdrop.metrics.port";

    /** Named, not linked: its module is on the runtime class path only. */
    private static final String HTTP_MESSAGE_CONVERTERS =
            "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration";

    private static final List<Class<?>> NEVER_USED = List.of(HttpClientAutoConfiguration.class,
            ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
            HttpClientMetricsAutoConfiguration.class, RestClientAutoConfiguration.class,
            RestClientObservationAutoConfiguration.class, RestTemplateAutoConfiguration.class,
            RestTemplateObservationAutoConfiguration.class);

    private static final List<Class<?>> REMOTE_ONLY = List.of(RabbitAutoConfiguration.class,
            RabbitMetricsAutoConfiguration.class);

    private static final List<Class<?>> METRICS_PORT_ONLY = List.of(PrometheusMetricsExportAutoConfiguration.class,
            JvmMetricsAutoConfiguration.class, SystemMetricsAutoConfiguration.class,
            LogbackMetricsAutoConfiguration.class, StartupTimeMetricsListenerAutoConfiguration.class,
            DataSourcePoolMetricsAutoConfiguration.class, TaskExecutorMetricsAutoConfiguration.class,
            SslMetricsAutoConfiguration.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        Set<String> excluded = new LinkedHashSet<>(
                Binder.get(environment).bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
        excluded.addAll(unused(environment));
        environment.getPropertySources().addFirst(new MapPropertySource(NAME, Map.of(EXCLUDE, String.join(",", excluded))));
    }

    /** The auto-configurations of no use to an application with this environment, by class name. */
    static List<String> unused(ConfigurableEnvironment environment) {
        List<Class<?>> unused = new ArrayList<>(NEVER_USED);
        if (!set(environment, PartitionProperties.REMOTE.property()) && !set(environment, REMOTE_WORKER)) {
            unused.addAll(REMOTE_ONLY);
        }
        if (!environment.containsProperty(METRICS_PORT)) {
            unused.addAll(METRICS_PORT_ONLY);
        }
        List<String> names = new ArrayList<>(List.of(HTTP_MESSAGE_CONVERTERS));
        unused.forEach(type -> names.add(type.getName()));
        return names;
    }

    /** Set unless absent or false: a value it cannot read keeps RabbitMQ, for the job's own check to word. */
    private static boolean set(ConfigurableEnvironment environment, String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank() && !"false".equalsIgnoreCase(value.trim());
    }

    /** After Boot has read application.properties and the config files, so every setting is seen. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
