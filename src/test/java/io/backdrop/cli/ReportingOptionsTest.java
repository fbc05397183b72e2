package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --progress, --metrics-port and --log-format on run and restart. */
class ReportingOptionsTest {

    @TempDir
    Path work;

    @Test
    void optionsBecomeTheSpringPropertiesTheyStandFor() {
        ReportingOptions options = new ReportingOptions();
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--progress", "LOG", "--metrics-port", "9464", "--log-format", "json");
        Map<String, Object> properties = new HashMap<>();

        options.addProperties(properties);

        assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "backdrop.progress.mode", "log",
                "backdrop.metrics.port", 9464,
                "logging.structured.format.console", "ecs"));
    }

    @Test
    void defaultsSetNothing() {
        Map<String, Object> properties = new HashMap<>();

        new ReportingOptions().addProperties(properties);

        assertThat(properties).isEmpty();
    }

    @Test
    void unknownValuesAreUsageErrorsThatNameTheChoices() {
        CommandLineRun backdrop = CommandLineRun.on(TestDatabase.h2(work));

        var progress = backdrop.execute("run", "--sandbox", "--manifest", "m.csv", "--output", "out",
                "--progress", "sometimes");
        var logFormat = backdrop.execute("restart", "1", "--log-format", "xml");
        var help = backdrop.execute("restart", "--help");

        assertThat(progress.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(progress.err()).contains("--progress").contains("AUTO, BAR, LOG, NONE").contains("sometimes");
        assertThat(logFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(logFormat.err()).contains("--log-format").contains("TEXT, JSON").contains("xml");
        assertThat(help.out()).contains("--progress=MODE").contains("--metrics-port=PORT").contains("--log-format=FORMAT");
    }
}
