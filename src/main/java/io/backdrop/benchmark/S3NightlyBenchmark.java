package io.backdrop.benchmark;

import io.backdrop.api.ApiKey;
import io.backdrop.cli.BackdropCli;
import io.backdrop.cli.PlanCommand;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.storage.S3ClientFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The S3 variant of the benchmark, a nightly catalog refresh: photos, manifest and output in an
 * S3 server started as a process, the API in the sandbox. Side by side: a plain thread pool
 * doing the first night's calls and Backdrop's first night (everything new), each in a fresh JVM
 * watched the same way; {@code plan} before it and after one photo is replaced under its key; and
 * the second night, which must pay for exactly that photo and take a fraction of the first night's time.
 */
final class S3NightlyBenchmark {

    static final String BUCKET = "backdrop-benchmark";
    static final double RERUN_TARGET = 0.3;
    static final double CPU_MS_PER_ROW_TARGET = 10.0;
    /** Both servers take any keys; giving them keeps the SDK's default chain from looking further. */
    private static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", "benchmark",
            "AWS_SECRET_ACCESS_KEY", "benchmark-secret", "AWS_REGION", "us-east-1");

    /**
     * A command as measured: its whole time (a fresh JVM's start included), how it was watched, and,
     * for a run, its job's start and end and its execution as {@code list --json} shows it.
     */
    record Timed(Duration command, JobSampler.WatchedJob watched, JobOutcome outcome, JsonNode execution, String output) {

        Duration job() {
            return outcome.wallTime();
        }

        /** A plan's own time, as its last line says: the manifest read and every row judged, start-up not counted. */
        Duration planned() {
            return output.lines().filter(line -> line.startsWith(PlanCommand.TIME_LABEL)).reduce((first, last) -> last)
                    .map(line -> line.substring(PlanCommand.TIME_LABEL.length()).split(" ")[0])
                    .map(seconds -> Duration.ofNanos(Math.round(Double.parseDouble(seconds) * 1e9)))
                    .orElseThrow(() -> new IllegalStateException("plan printed no time:\n" + output));
        }
    }

    private final S3Server server;
    private final Path serverJar;
    private final String serverHeap;
    private final int rows;
    private final int concurrency;
    private final int warmupRows;
    private final Duration latency;
    private final Duration jitter;
    private final boolean threadPool;
    private final ChildJvm jvm;
    private final PrintWriter out;

    /** @param serverHeap the S3 server's -Xmx, e.g. 512m */
    S3NightlyBenchmark(S3Server server, Path serverJar, String serverHeap, int rows, int concurrency, int warmupRows,
                       Duration latency, Duration jitter, boolean threadPool, ChildJvm jvm, PrintWriter out) {
        this.server = server;
        this.serverJar = serverJar;
        this.serverHeap = serverHeap;
        this.rows = rows;
        this.concurrency = concurrency;
        this.warmupRows = warmupRows;
        this.latency = latency;
        this.jitter = jitter;
        this.threadPool = threadPool;
        this.jvm = jvm;
        this.out = out;
    }

    /** Runs the nights; answers whether every target was met. */
    boolean run(Path work) throws Exception {
        String key = UUID.randomUUID().toString();
        say("S3 nightly benchmark: " + rows + " photos in S3 (" + server.displayName() + " as a process, -Xmx" + serverHeap
                + ", " + serverJar + "), sandbox latency " + latency.toMillis() + " ms +- " + jitter.toMillis()
                + " ms, concurrency " + concurrency);
        try (S3ServerProcess s3 = S3ServerProcess.start(server, serverJar, work.resolve("s3"), List.of(BUCKET), false,
                List.of("-Xmx" + serverHeap));
             SandboxServer sandbox = SandboxServer.start(BenchmarkJob.sandbox(key, latency, jitter));
             S3ClientFactory clients = S3ClientFactory.standard(s3.endpoint().toString(), AWS, concurrency)) {
            S3Catalog catalog = new S3Catalog(clients.get(), BUCKET, "nightly/");
            catalog.write(rows, Math.min(concurrency, 16));
            clients.get().putObject(r -> r.bucket(BUCKET).key("one-row/" + BenchmarkManifest.MANIFEST), RequestBody.fromString(
                    BenchmarkManifest.HEADER + "\nrow-000001,s3://" + BUCKET + "/" + catalog.imageKey(1) + ",,,,\n",
                    StandardCharsets.UTF_8));
            JobSampler sampler = new JobSampler(sandbox);

            long paidBefore = sandbox.stats().paidCalls();
            MeasuredRun pool = null;
            if (threadPool) {
                say("Thread pool: the first night's calls (GET, upload, generate, download, PUT) in a fresh JVM ...");
                // A prompt of its own: the sandbox's render for the pool's calls must not be served
                // from its cache to night 1's (nor the other way round).
                pool = jvm.measureThreadPool(sampler, ChildJvm.threadPool("s3://" + BUCKET + "/" + catalog.folder(),
                        "s3://" + BUCKET + "/pool-out/", s3.endpoint().toString(), BenchmarkManifest.PROMPT + " (thread pool)",
                        sandbox.baseUrl().toString(), concurrency), key, AWS, work.resolve("thread-pool.log"), warmupRows, rows,
                        concurrency);
            }
            long poolPaid = sandbox.stats().paidCalls() - paidBefore;

            Backdrop backdrop = new Backdrop(work, key, sampler);
            say("plan with nothing known (a database of its own) ...");
            Timed coldPlan = backdrop.command("plan-cold", plan(catalog.manifest(), s3));
            say("plan of a one-row manifest (the command's fixed cost) ...");
            Timed fixedPlan = backdrop.command("plan-fixed", plan("s3://" + BUCKET + "/one-row/" + BenchmarkManifest.MANIFEST, s3));
            say("Night 1: backdrop run, everything new ...");
            paidBefore = sandbox.stats().paidCalls();
            Timed night1 = backdrop.command("nightly", run(catalog.manifest(), sandbox, s3));
            long paid1 = sandbox.stats().paidCalls() - paidBefore;
            MeasuredRun night1Run = MeasuredRun.of(night1.outcome(), night1.watched(), warmupRows, rows, concurrency);
            catalog.change(rows / 2 + 1);
            say("One photo replaced under its key (row " + (rows / 2 + 1) + ", same size); plan ...");
            Timed warmPlan = backdrop.command("nightly", plan(catalog.manifest(), s3));
            say("Night 2: backdrop run ...");
            paidBefore = sandbox.stats().paidCalls();
            Timed night2 = backdrop.command("nightly", run(catalog.manifest(), sandbox, s3));
            long paid2 = sandbox.stats().paidCalls() - paidBefore;

            double rerun = seconds(night2.job()) / seconds(night1.job());
            // Judged as the nights are, on the work itself: each plan's own time as it prints it,
            // the JVM's and Spring's start-up left out (the one-row plan shows that cost). The
            // whole commands' ratio is printed too.
            double planRatio = seconds(warmPlan.planned()) / seconds(coldPlan.planned());
            double planCommandRatio = seconds(warmPlan.command()) / seconds(coldPlan.command());
            out.println();
            out.println("S3 server: " + server.displayName() + " (-Xmx" + serverHeap + ")");
            line("", "own time", "command", "paid", "");
            if (pool != null) {
                line("thread pool, night 1", f("%.2f s", seconds(pool.whole().wallTime())), "", f("%d", poolPaid),
                        "a fresh JVM, no ledger, no checks");
            }
            line("backdrop night 1", f("%.2f s", seconds(night1.job())), f("%.2f s", seconds(night1.command())), f("%d", paid1),
                    statuses(night1.execution()));
            line("backdrop night 2", f("%.2f s", seconds(night2.job())), f("%.2f s", seconds(night2.command())), f("%d", paid2),
                    statuses(night2.execution()));
            line("plan, nothing known", f("%.2f s", seconds(coldPlan.planned())), f("%.2f s", seconds(coldPlan.command())), "", "");
            line("plan, one photo changed", f("%.2f s", seconds(warmPlan.planned())), f("%.2f s", seconds(warmPlan.command())), "", "");
            line("plan, one row", f("%.2f s", seconds(fixedPlan.planned())), f("%.2f s", seconds(fixedPlan.command())), "",
                    "the command less its own time: a fresh JVM's start-up and Spring's");
            boolean rerunMet = rerun <= RERUN_TARGET;
            boolean paidMet = paid2 == 1;
            boolean planMet = planRatio <= RERUN_TARGET;
            boolean sideBySideMet = pool == null || sideBySide(night1Run, pool);
            out.println();
            out.println(f("night 2 / night 1 (job wall time): %.3f  target <= %.1f  %s", rerun, RERUN_TARGET, verdict(rerunMet)));
            out.println(f("night 2 paid calls: %d  target exactly 1  %s", paid2, verdict(paidMet)));
            out.println(f("plan after the change / plan with nothing known (each plan's own time): %.3f  "
                    + "target <= %.1f  %s", planRatio, RERUN_TARGET, verdict(planMet)));
            out.println(f("plan after the change / plan with nothing known (whole commands, start-up included): %.3f",
                    planCommandRatio));
            if (pool != null) {
                out.println(f("backdrop night 1 / thread pool: %.2f (job wall time over the pool's)",
                        seconds(night1.job()) / seconds(pool.whole().wallTime())));
            } else {
                out.println("night 1 against the thread pool: not measured (--no-thread-pool)");
            }
            out.flush();
            return rerunMet && paidMet && planMet && sideBySideMet;
        }
    }

    /** Night 1 against the pool: the same calls, the same S3 and sandbox, each in a fresh JVM; whether both targets were met. */
    private boolean sideBySide(MeasuredRun night1, MeasuredRun pool) {
        boolean efficiencyMet = SideBySide.efficiency(night1.steady(), concurrency) >= SideBySide.efficiency(pool.steady(), concurrency);
        boolean cpuMet = SideBySide.cpuMillisPerRow(night1.steady()) <= CPU_MS_PER_ROW_TARGET;
        new SideBySide(concurrency, night1, pool).print(out,
                SideBySide.verdict(efficiencyMet, "target: night 1 >= the thread pool's at the steady state"),
                SideBySide.verdict(cpuMet, f("target <= %.0f ms (night 1, steady state)", CPU_MS_PER_ROW_TARGET)));
        return efficiencyMet && cpuMet;
    }

    private List<String> run(String manifest, SandboxServer sandbox, S3ServerProcess s3) {
        return List.of("run", "--manifest", manifest, "--output", "s3://" + BUCKET + "/nightly/out/",
                "--prompt", BenchmarkManifest.PROMPT, "--size", BenchmarkManifest.SIZE, "--quality", BenchmarkManifest.QUALITY,
                "--api-base-url", sandbox.baseUrl().toString(), "--concurrency", Integer.toString(concurrency),
                "--s3-endpoint", s3.endpoint().toString(),
                // The contact sheet reads every source again for its thumbnails (issue 18); not what is measured.
                "--backdrop.report.contact-sheet=false",
                "--logging.level.io.backdrop=WARN");
    }

    private List<String> plan(String manifest, S3ServerProcess s3) {
        return List.of("plan", "--manifest", manifest,
                "--prompt", BenchmarkManifest.PROMPT, "--size", BenchmarkManifest.SIZE, "--quality", BenchmarkManifest.QUALITY,
                "--s3-endpoint", s3.endpoint().toString());
    }

    /** Backdrop's commands in fresh JVMs, each database in its own folder of the work folder. */
    private final class Backdrop {

        private final Path work;
        private final String key;
        private final JobSampler sampler;
        private int logs;

        Backdrop(Path work, String key, JobSampler sampler) {
            this.work = work;
            this.key = key;
            this.sampler = sampler;
        }

        Timed command(String database, List<String> arguments) throws Exception {
            Path home = Files.createDirectories(work.resolve(database));
            List<String> all = new ArrayList<>(arguments);
            all.addAll(List.of("--backdrop.job.work-directory=" + home, "--backdrop.home=" + home));
            Path log = work.resolve("command-" + (++logs) + ".log");
            long began = System.nanoTime();
            JobSampler.WatchedJob watched = sampler.watch(() -> jvm.start(all, key, AWS, log));
            Duration command = Duration.ofNanos(System.nanoTime() - began);
            String output = Files.readString(log);
            if (watched.exitCode() != 0) {
                throw new IllegalStateException("backdrop " + String.join(" ", all) + " exited with " + watched.exitCode()
                        + ":\n" + output);
            }
            if (!all.get(0).equals("run")) {
                return new Timed(command, watched, null, null, output);
            }
            JsonNode newest = JsonMapper.builder().build().readTree(console("list", "--json", "--backdrop.home=" + home)).get(0);
            JobOutcome outcome = new JobOutcome(newest.path("rows").path("SUCCEEDED").asLong(), instant(newest.get("startTime")),
                    instant(newest.get("endTime")));
            return new Timed(command, watched, outcome, newest, output);
        }

        private String console(String... args) {
            StringWriter text = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = new BackdropCli(Map.of(ApiKey.ENVIRONMENT_VARIABLE, key), new PrintWriter(text, true),
                    new PrintWriter(err, true)).execute(args);
            if (exit != 0) {
                throw new IllegalStateException("backdrop " + args[0] + " exited with " + exit + ":\n" + text + err);
            }
            return text.toString();
        }
    }

    private static java.time.Instant instant(JsonNode time) {
        return LocalDateTime.parse(time.asString()).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static String statuses(JsonNode execution) {
        List<String> counts = new ArrayList<>();
        execution.path("rows").properties().forEach(entry -> {
            if (entry.getValue().asLong() > 0) {
                counts.add(entry.getValue().asLong() + " " + entry.getKey().toLowerCase(Locale.ROOT));
            }
        });
        return String.join(", ", counts);
    }

    private void say(String text) {
        out.println(text);
        out.flush();
    }

    private void line(String name, String wall, String command, String paid, String note) {
        out.println(f("%-26s %10s %10s %6s   %s", name, wall, command, paid, note).stripTrailing());
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    private static double seconds(Duration duration) {
        return Throughput.seconds(duration);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
