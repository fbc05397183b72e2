package io.backdrop.cli;

import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * The properties a command's options (and its job file) set, placed right below the
 * {@code --name=value} arguments and above environment variables and application.properties:
 * an option typed for this run wins over a setting made for every run. Added before logging is
 * configured, so {@code --log-format} takes effect from the first line.
 */
final class OptionProperties implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String NAME = "backdropOptions";

    private final Map<String, Object> properties;
    private volatile ConfigurableEnvironment environment;

    OptionProperties(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        environment = event.getEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        MapPropertySource options = new MapPropertySource(NAME, properties);
        if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, options);
        } else {
            sources.addFirst(options);
        }
    }

    /** The environment the options went into; null before it was prepared. */
    ConfigurableEnvironment environment() {
        return environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
