package io.backdrop.benchmark;

import io.backdrop.api.ApiKey;
import io.backdrop.cli.BackdropCli;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.sandbox.TeamAccount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Backdrop job, run the way a user runs it ({@code run --manifest ... --api-base-url ...
 * --concurrency N}), with the key in the environment and a database of its own in the work folder,
 * so the user's job history is never touched: in a child JVM, or through the console in this one.
 * The job's start and end come from its job repository ({@code list --json}), so they exclude the
 * JVM's and Spring's start-up.
 */
final class BenchmarkJob {

    private final URI apiBaseUrl;
    private final String apiKey;
    private final int concurrency;
    private final boolean report;

    BenchmarkJob(URI apiBaseUrl, String apiKey, int concurrency) {
        this(apiBaseUrl, apiKey, concurrency, false);
    }

    private BenchmarkJob(URI apiBaseUrl, String apiKey, int concurrency, boolean report) {
        this.apiBaseUrl = apiBaseUrl;
        this.apiKey = apiKey;
        this.concurrency = concurrency;
        this.report = report;
    }

    /**
     * The sandbox a benchmark runs against: the key, the latency, a team balance no benchmark can
     * spend (the default's 100,000 low calls end a 100,000-row memory job with a 402), and one
     * rendered result per prompt rather than per photo: the S3 catalog's photos are all distinct,
     * and rendering and encoding a 1024x1024 PNG for each took most of both cores, so that the
     * sandbox, not the client, set the pace (its "20 ms" calls were answered in 0.76 s).
     */
    static SandboxSettings sandbox(String apiKey, Duration latency, Duration jitter) {
        TeamAccount unlimited = new TeamAccount(Long.MAX_VALUE / 4, 0, TeamAccount.DEFAULT.costs(), true);
        return SandboxSettings.defaults().withApiKey(apiKey).withLatency(latency, jitter).withAccount(unlimited)
                .withRenderEachPhoto(false);
    }

    /** The same job with report.html made, as a user's run makes it. */
    BenchmarkJob withReport() {
        return new BenchmarkJob(apiBaseUrl, apiKey, concurrency, true);
    }

    /**
     * Writes a manifest of {@code rows} rows into {@code folder}; returns the arguments that run it,
     * with a database of its own in that folder.
     */
    List<String> prepare(Path folder, int rows) throws IOException {
        Path manifest = BenchmarkManifest.write(folder.resolve("input"), rows);
        return List.of("run", "--manifest", manifest.toString(), "--output", folder.resolve("output").toString(),
                "--prompt", BenchmarkManifest.PROMPT, "--size", BenchmarkManifest.SIZE, "--quality", BenchmarkManifest.QUALITY,
                "--api-base-url", apiBaseUrl.toString(), "--concurrency", Integer.toString(concurrency),
                // Every row is the same photo and prompt: without --force all but the first would be REUSED.
                "--force",
                // The report is measured on its own (benchmark --report), side by side with a run without it.
                "--backdrop.report.contact-sheet=" + report,
                "--backdrop.job.work-directory=" + folder.toAbsolutePath(),
                "--logging.level.io.backdrop=WARN", database(folder));
    }

    /** The arguments that restart an execution of the job in {@code folder}, with the run's own settings. */
    List<String> restart(Path folder, long executionId) {
        // --force again: a restart does not keep it, and every row is the same photo and prompt.
        return List.of("restart", Long.toString(executionId), "--api-base-url", apiBaseUrl.toString(), "--force",
                "--logging.level.io.backdrop=WARN", database(folder));
    }

    /** Prepares and runs a job in this JVM; every row must succeed. */
    JobOutcome run(Path folder, int rows) throws IOException {
        String out = console(0, prepare(folder, rows).toArray(String[]::new));
        return outcome(folder, rows, out);
    }

    /** How the job in {@code folder} ended, from its job repository; every row must have succeeded. */
    JobOutcome outcome(Path folder, int rows, String output) {
        JsonNode newest = JsonMapper.builder().build().readTree(console(0, "list", "--json", database(folder))).get(0);
        if (newest == null) {
            throw new IllegalStateException("the job left no execution behind:\n" + output);
        }
        long succeeded = newest.path("rows").path("SUCCEEDED").asLong();
        if (succeeded != rows) {
            throw new IllegalStateException(succeeded + " of " + rows + " rows succeeded:\n" + output);
        }
        return new JobOutcome(succeeded, instant(newest.get("startTime")), instant(newest.get("endTime")));
    }

    /** The default H2 database, with the settings users get, in the benchmark's own folder. */
    private static String database(Path folder) {
        return "--backdrop.home=" + folder.toAbsolutePath();
    }

    private String console(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new BackdropCli(Map.of(ApiKey.ENVIRONMENT_VARIABLE, apiKey), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        if (exit != expectedExit) {
            throw new IllegalStateException("backdrop " + args[0] + " exited with " + exit + ":\n" + out + err);
        }
        return out.toString();
    }

    private static Instant instant(JsonNode time) {
        if (time == null || time.isNull()) {
            throw new IllegalStateException("the execution has no start or end time");
        }
        return LocalDateTime.parse(time.asString()).atZone(ZoneId.systemDefault()).toInstant();
    }
}
