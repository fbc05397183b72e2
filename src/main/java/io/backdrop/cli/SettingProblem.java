package io.backdrop.cli;

import io.backdrop.model.SettingException;
import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A setting refused while the application starts, worded as the command line and the job file
 * word it: the property's name, the same problem, and where the value was written (an
 * environment variable, application.properties, a {@code --backdrop.x=y} argument). Options and
 * job files are checked before anything starts, so a value refused here was set elsewhere; the
 * properties are read by the settings themselves ({@link io.backdrop.job.SettingBinding}).
 */
final class SettingProblem {

    private SettingProblem() {
    }

    /** The problem a start-up failure comes down to, when it is a setting's value. */
    static Optional<String> find(Throwable failure, ConfigurableEnvironment environment) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SettingException refused && refused.setting().property() != null) {
                return Optional.of(describe(refused.setting().property(), refused.problem(), environment));
            }
        }
        return Optional.empty();
    }

    private static String describe(String property, String problem, ConfigurableEnvironment environment) {
        return property + ": " + problem + origin(property, environment).map(origin -> " (set by " + origin + ")").orElse("");
    }

    /** Where the value was written, as Spring tracks it, e.g. System Environment Property "BACKDROP_JOB_CONCURRENCY". */
    private static Optional<String> origin(String property, ConfigurableEnvironment environment) {
        if (environment == null) {
            return Optional.empty();
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return Optional.ofNullable(found.getOrigin()).map(Object::toString);
            }
        }
        return Optional.empty();
    }
}
