package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.api.ApiProperties;
import io.backdrop.job.CreditProperties;
import io.backdrop.job.JobProperties;
import io.backdrop.job.SettingBinding;
import io.backdrop.jobfile.JobFileException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine;

/**
 * A setting's value is accepted or refused the same way as an option, in a job file and as a
 * Spring property, with the same words and the name it has where it was written.
 */
class OneConfigurationPathTest {

    @TempDir
    Path dir;

    /** option, job file key, property, text written, the value it stands for or null, the problem or null. */
    static Stream<Arguments> values() {
        return Stream.of(
                accepted("--rate-limit", "rate-limit", "backdrop.api.rate-limit", "2/s", "2/s"),
                accepted("--rate-limit", "rate-limit", "backdrop.api.rate-limit", "120/min", "120/min"),
                refused("--rate-limit", "rate-limit", "backdrop.api.rate-limit", "2 per second",
                        "expected calls per s, min or h, e.g. 120/min or 2/s, got '2 per second'"),
                refused("--max-failure-rate", "skip.max-failure-rate", "backdrop.job.max-failure-rate", "0",
                        "must be a share above 0 and at most 1, e.g. 0.5 (is 0.0)"),
                accepted("--max-failure-rate", "skip.max-failure-rate", "backdrop.job.max-failure-rate", "0.25", 0.25),
                refused("--max-failure-rate", "skip.max-failure-rate", "backdrop.job.max-failure-rate", "half",
                        "expected a number, got 'half'"),
                refused("--concurrency", "concurrency", "backdrop.job.concurrency", "0",
                        "must be from 1 to 256 (paid calls in flight, with as many rows again worked on around them) (is 0)"),
                refused("--concurrency", "concurrency", "backdrop.job.concurrency", "100000",
                        "must be from 1 to 256 (paid calls in flight, with as many rows again worked on around them) (is 100000)"),
                refused("--concurrency", "concurrency", "backdrop.job.concurrency", "four", "expected a whole number, got 'four'"),
                accepted("--concurrency", "concurrency", "backdrop.job.concurrency", "3", 3),
                refused("--max-retry-time", "retry.max-retry-time", "backdrop.api.max-retry-time", "2",
                        "expected a duration with its unit, e.g. 250ms, 30s, 15m, got '2'"),
                refused("--max-retry-time", "retry.max-retry-time", "backdrop.api.max-retry-time", "0s",
                        "must be longer than zero (is 0ms)"),
                accepted("--max-retry-time", "retry.max-retry-time", "backdrop.api.max-retry-time", "90s", Duration.ofSeconds(90)),
                accepted("--max-attempts", "retry.max-attempts", "backdrop.api.max-attempts", "3", 3),
                refused("--max-attempts", "retry.max-attempts", "backdrop.api.max-attempts", "0", "must be at least 1 (is 0)"),
                refused("--max-images", "budget.max-images", "backdrop.job.max-images", "-1", "must be at least 0 (is -1)"),
                accepted("--max-images", "budget.max-images", "backdrop.job.max-images", "0", 0L),
                refused("--reserve-credits", "budget.reserve-credits", "backdrop.credits.reserve", "-1",
                        "must be at least 0 (is -1)"),
                accepted("--reserve-credits", "budget.reserve-credits", "backdrop.credits.reserve", "500", 500L),
                accepted("--max-failures", "skip.max-failures", "backdrop.job.max-failures", "0", 0),
                refused("--failure-window", "skip.failure-window", "backdrop.job.failure-window", "0", "must be at least 1 (is 0)"));
    }

    private static Arguments accepted(String option, String key, String property, String text, Object value) {
        return Arguments.of(option, key, property, text, value, null);
    }

    private static Arguments refused(String option, String key, String property, String text, String problem) {
        return Arguments.of(option, key, property, text, null, problem);
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("values")
    void asAnOption(String option, String key, String property, String text, Object value, String problem) {
        RunCommand run = new RunCommand(null);
        new CommandLine(run).parseArgs(option, text);
        Map<String, Object> properties = new HashMap<>();

        if (problem == null) {
            run.api.addProperties(properties);
            run.job.addProperties(properties);
            assertThat(properties).containsEntry(property, value);
        } else {
            assertThatThrownBy(() -> {
                run.api.addProperties(properties);
                run.job.addProperties(properties);
            }).isInstanceOf(UsageException.class).hasMessage(option + ": " + problem);
        }
    }

    @ParameterizedTest(name = "{1}: {3}")
    @MethodSource("values")
    void inAJobFile(String option, String key, String property, String text, Object value, String problem)
            throws IOException {
        String line = key.contains(".")
                ? key.substring(0, key.indexOf('.')) + ": {" + key.substring(key.indexOf('.') + 1) + ": '" + text + "'}"
                : key + ": '" + text + "'";
        Path file = Files.writeString(dir.resolve("job.yml"), "manifest: catalog.csv\noutput: out\n" + line + "\n");
        JobDefinitionOptions definition = new JobDefinitionOptions();
        definition.jobFile = file;

        if (problem == null) {
            assertThat(definition.resolve().properties()).containsEntry(property, value);
        } else {
            assertThatThrownBy(definition::resolve).isInstanceOf(UsageException.class)
                    .hasCauseInstanceOf(JobFileException.class)
                    .hasMessage(file + ": " + key + ": " + problem + " (line 3)");
        }
    }

    @ParameterizedTest(name = "{2}={3}")
    @MethodSource("values")
    void asAProperty(String option, String key, String property, String text, Object value, String problem)
            throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("operator.properties", Map.of(property, text)));
        Binder binder = new Binder(ConfigurationPropertySources.get(environment));
        BindHandler handler = new SettingBinding().apply(BindHandler.DEFAULT);
        Class<? extends Record> type = property.startsWith("backdrop.api.") ? ApiProperties.class
                : property.startsWith("backdrop.credits.") ? CreditProperties.class : JobProperties.class;
        String prefix = property.substring(0, property.lastIndexOf('.'));

        if (problem == null) {
            Record bound = binder.bindOrCreate(prefix, Bindable.of(type), handler);
            assertThat(component(bound, property.substring(prefix.length() + 1))).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> binder.bindOrCreate(prefix, Bindable.of(type), handler))
                    .satisfies(e -> assertThat(SettingProblem.find(e, environment)).hasValue(property + ": " + problem
                            + " (set by \"" + property + "\" from property source \"operator.properties\")"));
        }
    }

    private static Object component(Record record, String kebab) throws Exception {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equalsIgnoreCase(kebab.replace("-", ""))) {
                return component.getAccessor().invoke(record);
            }
        }
        throw new AssertionError("no " + kebab + " in " + record);
    }
}
