package io.backdrop.benchmark;

import io.backdrop.api.ApiKey;
import io.backdrop.cli.ApplicationStarter;
import io.backdrop.cli.DurationConverter;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.storage.S3ClientFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure Backdrop against the bundled sandbox with a fixed latency, side by side with a plain "
                + "thread pool doing the same calls in the same run: rows/s, the Little's-law bound (concurrency / mean "
                + "latency) and efficiency, CPU per row and peak RSS, over the whole run and at its steady state; then "
                + "peak memory for jobs of different sizes.",
                "Each job runs as a user runs it (backdrop run ... --api-base-url <sandbox> --concurrency N), in a fresh "
                        + "JVM, with a database of its own in a temporary folder that is deleted afterwards; the thread "
                        + "pool runs in a fresh JVM too."},
        footer = {"", "Targets (Backdrop's, at the steady state): efficiency >= 0.95; CPU <= 4 ms per row, everything "
                + "the job's process used (user + system time, the JIT compiler and the garbage collector included; the "
                + "sandbox, which makes the images, runs in the benchmark's JVM); peak RSS of the largest --memory-rows "
                + "job <= 1.2x that of the smallest (the issue's sizes: --memory-rows 10000,100000).",
                "With --s3: night 2 <= 0.3x night 1 with exactly one paid call; plan after one change <= 0.3x the first "
                        + "plan; night 1's efficiency >= the thread pool's and CPU <= 10 ms per row, everything counted, "
                        + "both at the steady state.",
                "Exit codes: 0 every target met; 3 a target missed; 1 the benchmark could not run; 2 bad options."})
public class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "10000", paramLabel = "N", description = "Rows of the measured job (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--concurrency", defaultValue = "32", paramLabel = "N", description = "Calls in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--latency", defaultValue = "250ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "The sandbox's time per feature call (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--jitter", defaultValue = "100ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Uniform +- variation of the latency (default: ${DEFAULT-VALUE}).")
    Duration jitter;

    @Option(names = "--warmup-rows", defaultValue = "3000", paramLabel = "N",
            description = "Rows the measured job answers before its steady state begins; the steady state ends "
                    + "where fewer rows are left than --concurrency (default: ${DEFAULT-VALUE}).")
    int warmupRows;

    @Option(names = "--memory-rows", defaultValue = "1000,10000", split = ",", paramLabel = "N,N",
            description = "Job sizes whose peak memory is compared, each in a fresh JVM; 0 skips (default: ${DEFAULT-VALUE}).")
    List<Integer> memoryRows;

    @Option(names = "--xmx", defaultValue = "512m", paramLabel = "SIZE",
            description = "The heap limit of every Backdrop and thread-pool JVM the benchmark starts (default: "
                    + "${DEFAULT-VALUE}); --s3's S3 server has its own (see --s3-server).")
    String maxHeap;

    @Option(names = "--report",
            description = "Run the measured job once more with report.html on, in a fresh JVM, and print the wall "
                    + "time of both and the report's size.")
    boolean report;

    @Option(names = "--s3", description = "Measure the S3 nightly refresh instead: photos, manifest and output in an S3 "
            + "server started as a process, a thread pool beside Backdrop, night 1, one photo replaced, plan, night 2.")
    boolean s3;

    @Option(names = "--no-thread-pool", description = "With --s3: leave the thread pool out and judge only the nights "
            + "and the plans (a catalog of 100,000 rows takes the pool as long as night 1).")
    boolean noThreadPool;

    @Option(names = "--restart", description = "Measure a restart instead: a job of --rows rows stopped by --max-images "
            + "after 90%% of them, then restart in a fresh JVM: the time to its first paid call and the whole "
            + "restart against the time the rows left need at the bound.")
    boolean restart;

    @Option(names = "--s3-server", converter = S3ServerConverter.class, paramLabel = "SERVER",
            description = "With --s3: the S3 server started as a process. s3proxy (the default): S3Proxy with its "
                    + "in-memory store, its heap sized for the catalog: 256 MB and about 110 KB a row (60 KB with "
                    + "--no-thread-pool), 11 GB for 100,000 rows; refused if more than the machine has. s3mock: Adobe "
                    + "S3Mock, objects on disk, a 512 MB heap, but several times slower a request, so it sets the pace.")
    S3Server s3Server;

    @Option(names = "--s3proxy-jar", defaultValue = S3Server.S3PROXY_JAR, paramLabel = "JAR",
            description = "The S3Proxy jar (jar-with-dependencies) --s3 starts with --s3-server s3proxy, the default "
                    + "(default: ${DEFAULT-VALUE}, where a Maven build puts it).")
    Path s3ProxyJar;

    @Option(names = "--s3mock-jar", defaultValue = S3Server.S3MOCK_JAR, paramLabel = "JAR",
            description = "The S3Mock executable jar --s3 --s3-server s3mock starts (default: ${DEFAULT-VALUE}, where a "
                    + "Maven build puts it).")
    Path s3MockJar;

    /** Set in the child JVM that measures one job size's memory. */
    @Option(names = "--probe-rows", hidden = true)
    Integer probeRows;

    /** The sandbox's address, for a memory probe or the thread-pool runner in a child JVM. */
    @Option(names = "--probe-api-base-url", hidden = true)
    String probeApiBaseUrl;

    /** Set in the child JVM of the thread-pool runner: the catalog's folder, or s3://bucket/prefix/. */
    @Option(names = "--thread-pool-input", hidden = true)
    String threadPoolInput;

    @Option(names = "--thread-pool-output", hidden = true)
    String threadPoolOutput;

    @Option(names = "--thread-pool-s3-endpoint", hidden = true)
    String threadPoolS3Endpoint;

    @Option(names = "--thread-pool-prompt", hidden = true)
    String threadPoolPrompt = BenchmarkManifest.PROMPT;

    private final ApplicationStarter starter;

    private final Class<?> mainClass;

    /** @param mainClass what starts Backdrop, for the measured job's own JVM */
    public BenchmarkCommand(ApplicationStarter starter, Class<?> mainClass) {
        this.starter = starter;
        this.mainClass = mainClass;
    }

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || concurrency < 1 || warmupRows < 0) {
            throw new ParameterException(spec.commandLine(), "--rows and --concurrency must be at least 1, --warmup-rows at least 0");
        }
        if (probeRows != null) {
            return probe();
        }
        if (threadPoolInput != null) {
            return threadPool();
        }
        if (noThreadPool && !s3) {
            throw new ParameterException(spec.commandLine(), "--no-thread-pool goes with --s3: the local benchmark is judged against the pool");
        }
        S3Server server = s3Server == null ? S3Server.S3PROXY : s3Server;
        if (!s3 && s3Server != null) {
            throw new ParameterException(spec.commandLine(), "--s3-server goes with --s3: the local benchmark uses no S3 server");
        }
        requireJarOfServer("--s3proxy-jar", S3Server.S3PROXY, server);
        requireJarOfServer("--s3mock-jar", S3Server.S3MOCK, server);
        spec.commandLine().getOut().println(ChildJvm.startup());
        if (restart) {
            return restart();
        }
        if (rows - concurrency - warmupRows < MIN_STEADY_ROWS) {
            throw new ParameterException(spec.commandLine(), "the steady state needs at least " + MIN_STEADY_ROWS
                    + " rows: --rows must be at least --warmup-rows + --concurrency + " + MIN_STEADY_ROWS
                    + " (" + (warmupRows + concurrency + MIN_STEADY_ROWS) + ")");
        }
        if (s3) {
            return nightly(server);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backdrop benchmark: sandbox latency " + latency.toMillis() + " ms +- " + jitter.toMillis() + " ms, "
                + "concurrency " + concurrency + ", " + rows + " rows, the steady state from row " + warmupRows
                + " to row " + (rows - concurrency));
        out.flush();
        String key = UUID.randomUUID().toString();
        Path work = Files.createTempDirectory("backdrop-benchmark-");
        try (SandboxServer sandbox = SandboxServer.start(BenchmarkJob.sandbox(key, latency, jitter))) {
            ChildJvm child = new ChildJvm(maxHeap, mainClass);
            JobSampler sampler = new JobSampler(sandbox);
            BenchmarkJob job = new BenchmarkJob(sandbox.baseUrl(), key, concurrency);
            Path folder = work.resolve("measured");
            List<String> arguments = job.prepare(folder, rows);
            Path log = work.resolve("measured.log");
            out.println("Measured job: backdrop run in a fresh JVM (-Xmx" + maxHeap + ") ...");
            out.flush();
            long began = System.nanoTime();
            JobSampler.WatchedJob watched = sampler.watch(() -> child.start(arguments, key, log));
            Duration command = Duration.ofNanos(System.nanoTime() - began);
            String output = Files.readString(log);
            if (watched.exitCode() != 0) {
                throw new IllegalStateException("the measured job exited with " + watched.exitCode() + ":\n" + output);
            }
            JobOutcome outcome = job.outcome(folder, rows, output);
            MeasuredRun backdrop = MeasuredRun.of(outcome, watched, warmupRows, rows, concurrency);
            out.println(String.format("Measured job: %d rows in %.2f s (the whole command, the JVM's start-up included: %.2f s)",
                    outcome.succeeded(), Throughput.seconds(outcome.wallTime()), Throughput.seconds(command)));
            out.println("Thread pool: the same manifest's calls (upload, feature call, download, write) in a fresh JVM "
                    + "(-Xmx" + maxHeap + ") ...");
            out.flush();
            // Backdrop's prompt: the sandbox renders the one photo once and serves both runs from its cache.
            MeasuredRun pool = child.measureThreadPool(sampler, ChildJvm.threadPool(folder.resolve("input").toString(),
                    work.resolve("thread-pool").toString(), null, BenchmarkManifest.PROMPT, sandbox.baseUrl().toString(),
                    concurrency), key, Map.of(), work.resolve("thread-pool.log"), warmupRows, rows, concurrency);
            if (report) {
                measureReport(child, job, outcome, folder, work, key, out);
            }

            List<MemoryProbeResult> bySize = new ArrayList<>();
            for (int size : memoryRows.stream().filter(n -> n > 0).sorted().toList()) {
                out.println("Memory: a " + size + "-row job in a fresh JVM (-Xmx" + maxHeap + ") ...");
                out.flush();
                bySize.add(child.probe(sandbox.baseUrl().toString(), key, size, concurrency, work.resolve("memory-" + size + ".log")));
            }
            BenchmarkReport report = new BenchmarkReport(new SideBySide(concurrency, backdrop, pool), bySize, maxHeap);
            report.print(out);
            out.flush();
            return report.targetsMet() ? 0 : 3;
        } finally {
            deleteTree(work);
        }
    }

    private int restart() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backdrop restart benchmark: sandbox latency " + latency.toMillis() + " ms +- " + jitter.toMillis()
                + " ms, concurrency " + concurrency + ", " + rows + " rows, 90% done before the restart");
        out.flush();
        String key = UUID.randomUUID().toString();
        Path work = Files.createTempDirectory("backdrop-benchmark-");
        try (SandboxServer sandbox = SandboxServer.start(BenchmarkJob.sandbox(key, latency, jitter))) {
            RestartBenchmark.Result result = new RestartBenchmark(sandbox, new ChildJvm(maxHeap, mainClass),
                    new BenchmarkJob(sandbox.baseUrl(), key, concurrency), key, concurrency).measure(work.resolve("restart"), rows);
            result.print(out);
            out.flush();
            return result.targetsMet() ? 0 : 3;
        } finally {
            deleteTree(work);
        }
    }

    /** The measured job again with report.html, side by side with the run just measured. */
    private void measureReport(ChildJvm child, BenchmarkJob job, JobOutcome without, Path withoutFolder, Path work,
                               String key, PrintWriter out) throws IOException, InterruptedException {
        out.println("Report: the same job with report.html, in a fresh JVM ...");
        out.flush();
        BenchmarkJob reported = job.withReport();
        Path folder = work.resolve("reported");
        Path log = work.resolve("reported.log");
        int exit = child.start(reported.prepare(folder, rows), key, log).waitFor();
        String output = Files.readString(log);
        if (exit != 0) {
            throw new IllegalStateException("the job with report.html exited with " + exit + ":\n" + output);
        }
        ReportOverhead.of(without, withoutFolder, reported.outcome(folder, rows, output), folder).print(out);
        out.flush();
    }

    /** In the child JVM: one job against the parent's sandbox, then this JVM's memory peaks as one line. */
    private int probe() throws IOException {
        String key = starter.environment().get(ApiKey.ENVIRONMENT_VARIABLE);
        if (key == null || probeApiBaseUrl == null) {
            throw new IllegalStateException("a memory probe needs the sandbox's address and key");
        }
        Path work = Files.createTempDirectory("backdrop-benchmark-probe-");
        try (MemoryWatch watch = new MemoryWatch(LIVE_SAMPLING)) {
            JobOutcome outcome = new BenchmarkJob(URI.create(probeApiBaseUrl), key, concurrency).run(work, probeRows);
            MemoryPeaks peaks = watch.peaks();
            double rowsPerSecond = outcome.succeeded() / Throughput.seconds(outcome.wallTime());
            PrintWriter out = spec.commandLine().getOut();
            out.println(ChildJvm.RESULT_MARKER + JsonMapper.builder().build().writeValueAsString(new MemoryProbeResult(
                    probeRows, rowsPerSecond, peaks.heapAfterGcBytes(), peaks.heapUsedBytes(), peaks.rssBytes())));
            out.flush();
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    /**
     * In the child JVM: the thread-pool runner over a catalog in a folder or an S3 prefix, against the
     * parent's sandbox; then when it began and ended as one line.
     */
    private int threadPool() throws Exception {
        String key = starter.environment().get(ApiKey.ENVIRONMENT_VARIABLE);
        if (key == null || probeApiBaseUrl == null || threadPoolOutput == null) {
            throw new IllegalStateException("the thread-pool runner needs the sandbox's address and key, and an output");
        }
        boolean s3Catalog = threadPoolInput.startsWith("s3://");
        try (S3ClientFactory clients = S3ClientFactory.standard(threadPoolS3Endpoint, starter.environment(), concurrency)) {
            RunnerFiles files = s3Catalog ? RunnerFiles.bucket(clients.get(), threadPoolInput, threadPoolOutput)
                    : new RunnerFiles.Folders(Path.of(threadPoolInput), Files.createDirectories(Path.of(threadPoolOutput)));
            List<BenchmarkManifest.Row> manifest = BenchmarkManifest.rows(
                    new String(files.read(BenchmarkManifest.MANIFEST), StandardCharsets.UTF_8));
            JobOutcome outcome = new ThreadPoolRunner(files, URI.create(probeApiBaseUrl), key)
                    .run(manifest, threadPoolPrompt, concurrency);
            PrintWriter out = spec.commandLine().getOut();
            out.println(ChildJvm.RESULT_MARKER + JsonMapper.builder().build().writeValueAsString(new ChildJvm.RunnerResult(
                    outcome.succeeded(), outcome.started().toEpochMilli(), outcome.ended().toEpochMilli())));
            out.flush();
            return 0;
        }
    }

    /** The S3 nightly variant: no memory sizes, its own table and targets. */
    private int nightly(S3Server server) throws Exception {
        String serverHeap = S3MOCK_HEAP;
        Path jar = s3MockJar;
        if (server == S3Server.S3PROXY) {
            long megabytes = new CatalogFootprint(rows, S3Catalog.photoBytes(), !noThreadPool).s3ProxyHeapMegabytes();
            long machine = physicalMemoryMegabytes();
            if (megabytes > machine) {
                throw new ParameterException(spec.commandLine(), "--rows " + rows + " needs about " + megabytes
                        + " MB of heap for S3Proxy's in-memory store, more than this machine's " + machine
                        + " MB: fewer --rows, --no-thread-pool (about half), or --s3-server s3mock (objects on disk)");
            }
            serverHeap = megabytes + "m";
            jar = s3ProxyJar;
        }
        Path work = Files.createTempDirectory("backdrop-benchmark-s3-");
        try {
            return new S3NightlyBenchmark(server, jar.toAbsolutePath(), serverHeap, rows, concurrency, warmupRows, latency,
                    jitter, !noThreadPool, new ChildJvm(maxHeap, mainClass), spec.commandLine().getOut()).run(work) ? 0 : 3;
        } finally {
            deleteTree(work);
        }
    }

    /** A jar option given for the server not chosen would be silently ignored: a usage error instead. */
    private void requireJarOfServer(String option, S3Server owner, S3Server chosen) {
        if (spec.commandLine().getParseResult().hasMatchedOption(option) && (!s3 || chosen != owner)) {
            throw new ParameterException(spec.commandLine(), option + " goes with --s3"
                    + (owner == S3Server.S3PROXY ? "" : " --s3-server " + owner.optionValue()) + ": it is "
                    + owner.displayName() + "'s jar");
        }
    }

    private static long physicalMemoryMegabytes() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1024 * 1024);
    }

    /** S3Mock keeps objects on disk: its heap does not grow with the catalog. */
    private static final String S3MOCK_HEAP = "512m";

    /** The option's values as S3Server names them, in any case. */
    public static final class S3ServerConverter implements ITypeConverter<S3Server> {

        @Override
        public S3Server convert(String value) {
            try {
                return S3Server.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The fewest rows a steady state is judged on. */
    private static final int MIN_STEADY_ROWS = 500;

    /** How often a memory probe measures its live heap with a full collection. */
    private static final Duration LIVE_SAMPLING = Duration.ofSeconds(2);

    private static void deleteTree(Path root) {
        try {
            FileSystemUtils.deleteRecursively(root);
        } catch (IOException e) {
            // A temporary folder left behind is harmless; the OS cleans its temp space.
        }
    }
}
