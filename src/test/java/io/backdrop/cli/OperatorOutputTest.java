package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.Endpoint;
import io.backdrop.sandbox.HeldCalls;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real run in a child JVM, as an operator starts it: JSON logs, progress lines and the metrics
 * endpoint, with a known API key that must turn up nowhere it leaves a trace.
 */
class OperatorOutputTest {

    private static final Pattern TEXT_LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR)\\b");
    private static final Pattern SQL_STRING = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/]{16,}={0,2}$");

    @TempDir
    Path work;

    private final String key = "sk-known-" + UUID.randomUUID();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aJsonLoggedRunLeavesTheKeyNowhereAndServesMetricsWhileItRuns() throws Exception {
        Path manifest = manifest();
        Path output = work.resolve("out");
        Path log = work.resolve("run.log");
        TestDatabase database = TestDatabase.h2(work);
        int metricsPort = freePort();
        String scraped;
        int exitCode;
        try (SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(key))) {
            // The feature calls wait in the sandbox until the metrics are scraped: the run is
            // working (its uploads done and measured) however fast or slow the machine is.
            HeldCalls held = sandbox.faults().hold(Endpoint.FEATURE);
            Process run = CommandLineRun.on(database).withEnvironment(Map.of("ONEMIN_API_KEY", key)).start(log,
                    "run", "--api-base-url", sandbox.baseUrl().toString(), "--manifest", manifest.toString(),
                    "--output", output.toString(), "--size", "1024x1024", "--quality", "low",
                    "--concurrency", "2", "--log-format", "json", "--progress", "log",
                    "--backdrop.progress.interval=200ms", "--metrics-port", Integer.toString(metricsPort));
            try {
                held.awaitHeld(2, Duration.ofSeconds(120));
                scraped = scrape(metricsPort);
                awaitLine(log, "in flight", run);
                held.release();
                assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
                exitCode = run.exitValue();
            } finally {
                run.destroyForcibly();
            }
        }
        String console = Files.readString(log);

        assertThat(exitCode).as(console).isZero();
        assertThat(scraped).as("metrics served during the run")
                .contains("backdrop_api_latency_seconds_count{call=\"UPLOAD\"}")
                .contains("spring_batch_");

        List<JsonNode> logLines = new ArrayList<>();
        for (String line : console.lines().toList()) {
            assertThat(line).as("no text log line").doesNotContainPattern(TEXT_LOG_LINE);
            if (line.startsWith("{")) {
                JsonNode entry = json.readTree(line);
                assertThat(entry.path("@timestamp").isString()).as(line).isTrue();
                assertThat(entry.path("log").path("level").isString()).as(line).isTrue();
                assertThat(entry.path("message").isString()).as(line).isTrue();
                logLines.add(entry);
            }
        }
        assertThat(logLines).extracting(entry -> entry.path("message").stringValue())
                .contains("Metrics: http://127.0.0.1:" + metricsPort + "/metrics")
                .anyMatch(message -> message.matches("rows \\d+/6 \\(\\d+%\\): .*in flight.*"));
        assertThat(console).contains("6 succeeded").contains("Report:").contains("API calls:  upload 6");

        assertThat(console).as("console").doesNotContain(key);
        assertThat(Files.readString(ResultsFiles.newest(output))).as("results.csv").doesNotContain(key);
        assertThat(Files.readString(output.resolve("runs/1/report.html"))).as("report.html").doesNotContain(key);
        List<String> stored = databaseDump(database);
        assertThat(stored).as("the database's rows").anyMatch(text -> text.contains("BATCH_JOB_EXECUTION_PARAMS"))
                .anyMatch(text -> text.contains("BACKDROP_ROW"))
                .as("decoded execution contexts").anyMatch(text -> text.contains(output.resolve("runs/1/report.html").toString()));
        assertThat(stored).as("the database").noneMatch(text -> text.contains(key));
    }

    @Test
    void aWrongKeyEndsTheRunWithTheSummarysOneLineAndNoStackTrace() throws Exception {
        Path log = work.resolve("run.log");
        TestDatabase database = TestDatabase.h2(work);
        int exitCode;
        try (SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(key))) {
            // Well formed, so only the API can tell it is wrong: the first call's 401 halts the job.
            Process run = CommandLineRun.on(database).withEnvironment(Map.of("ONEMIN_API_KEY", "sk-wrong-" + UUID.randomUUID()))
                    .start(log, "run", "--api-base-url", sandbox.baseUrl().toString(), "--manifest", manifest().toString(),
                            "--output", work.resolve("out").toString(), "--size", "1024x1024", "--quality", "low",
                            "--concurrency", "2");
            try {
                assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
                exitCode = run.exitValue();
            } finally {
                run.destroyForcibly();
            }
        }
        String console = Files.readString(log);

        assertThat(exitCode).as(console).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(console).contains("FAILED").containsPattern("Last error: .*(401|API key)")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    private Path manifest() throws IOException {
        SamplePhotos.copyInto(work.resolve("images"), "coffee.png", "chelsea.png", "rocket.jpg");
        return Files.writeString(work.resolve("manifest.csv"), """
                id,image,prompt
                a,images/coffee.png,a marble counter
                b,images/chelsea.png,a grey studio
                c,images/rocket.jpg,a beach at dawn
                d,images/coffee.png,a wooden table
                e,images/chelsea.png,a garden
                f,images/rocket.jpg,a night sky
                """);
    }

    /** Waits for the run's log to show a line; it comes, since the run's progress is logged while calls are held. */
    private static void awaitLine(Path log, String text, Process run) throws IOException, InterruptedException {
        while (!Files.readString(log).contains(text)) {
            assertThat(run.isAlive()).as(Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
    }

    /** The metrics page, read once. */
    private static String scrape(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /**
     * Every table as H2 scripts it, plus the decoded bytes of every Base64 value: Spring Batch
     * keeps execution contexts as serialized Java objects in Base64, where a key would not show as text.
     */
    private static List<String> databaseDump(TestDatabase database) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet script = statement.executeQuery("SCRIPT")) {
            while (script.next()) {
                String sql = script.getString(1);
                texts.add(sql);
                Matcher strings = SQL_STRING.matcher(sql);
                while (strings.find()) {
                    String value = strings.group(1).replace("''", "'");
                    if (BASE64.matcher(value).matches()) {
                        try {
                            texts.add(new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1));
                        } catch (IllegalArgumentException notBase64) {
                            // text that merely looks like Base64
                        }
                    }
                }
            }
        }
        return texts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
