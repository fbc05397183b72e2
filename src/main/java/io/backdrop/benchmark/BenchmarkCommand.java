package io.backdrop.benchmark;

import io.backdrop.api.ApiKey;
import io.backdrop.cli.ApplicationStarter;
import io.backdrop.cli.DurationConverter;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.sandbox.SandboxStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure Backdrop against the bundled sandbox with a fixed latency: rows/s, the Little's-law "
                + "bound (concurrency / mean latency) and efficiency, CPU per row, and peak memory; then peak memory "
                + "for jobs of different sizes, each in a fresh JVM.",
                "The job runs as a user runs it (backdrop run ... --api-base-url <sandbox> --concurrency N), with a "
                        + "database of its own in a temporary folder that is deleted afterwards."},
        footer = {"", "Targets: efficiency >= 0.9 at concurrency 32; peak live heap at 10,000 rows within 25%% of "
                + "1,000 rows; CPU <= 5 ms per row outside the sandbox (which does the image encoding), JIT compilation excluded.",
                "Exit codes: 0 every target met; 3 a target missed; 1 the benchmark could not run."})
public class BenchmarkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "500", paramLabel = "N", description = "Rows of the measured job (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--concurrency", defaultValue = "32", paramLabel = "N", description = "Calls in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--latency", defaultValue = "250ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "The sandbox's time per feature call (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--jitter", defaultValue = "100ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Uniform +- variation of the latency (default: ${DEFAULT-VALUE}).")
    Duration jitter;

    @Option(names = "--warmup-rows", defaultValue = "1000", paramLabel = "N",
            description = "Rows of an unmeasured job first, so the JIT compiler has done its work (default: ${DEFAULT-VALUE}).")
    int warmupRows;

    @Option(names = "--memory-rows", defaultValue = "1000,10000", split = ",", paramLabel = "N,N",
            description = "Job sizes whose peak memory is compared, each in a fresh JVM; 0 skips (default: ${DEFAULT-VALUE}).")
    List<Integer> memoryRows;

    @Option(names = "--memory-xmx", defaultValue = "512m", paramLabel = "SIZE",
            description = "The heap limit of those JVMs, the same for every size (default: ${DEFAULT-VALUE}).")
    String memoryMaxHeap;

    /** Set in the child JVM that measures one job size's memory. */
    @Option(names = "--probe-rows", hidden = true)
    Integer probeRows;

    @Option(names = "--probe-api-base-url", hidden = true)
    String probeApiBaseUrl;

    private final ApplicationStarter starter;

    public BenchmarkCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || concurrency < 1 || warmupRows < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rows and --concurrency must be at least 1, --warmup-rows at least 0");
        }
        if (probeRows != null) {
            return probe();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backdrop benchmark: sandbox latency " + latency.toMillis() + " ms +- " + jitter.toMillis() + " ms, "
                + "concurrency " + concurrency + ", " + rows + " rows after " + warmupRows + " warm-up rows");
        out.flush();
        String key = UUID.randomUUID().toString();
        Path work = Files.createTempDirectory("backdrop-benchmark-");
        try (SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(key).withLatency(latency, jitter))) {
            BenchmarkJob job = new BenchmarkJob(sandbox.baseUrl(), key, concurrency);
            if (warmupRows > 0) {
                job.run(work.resolve("warmup"), warmupRows);
            }
            SandboxStats before = sandbox.stats();
            JobOutcome outcome;
            CpuUse cpu;
            MemoryPeaks memory;
            try (CpuSampler sampler = new CpuSampler(); MemoryWatch watch = new MemoryWatch(true)) {
                outcome = job.run(work.resolve("measured"), rows);
                memory = watch.peaks();
                sampler.close();
                cpu = sampler.timeline().between(outcome.started().toEpochMilli(), outcome.ended().toEpochMilli());
            }
            SandboxStats after = sandbox.stats();
            long calls = after.generatedAnswers() - before.generatedAnswers();
            Duration meanLatency = after.generatedAnswerTime().minus(before.generatedAnswerTime()).dividedBy(Math.max(1, calls));
            Throughput throughput = new Throughput(outcome.succeeded(), outcome.wallTime(), concurrency, meanLatency);
            out.println(String.format("Measured job: %d rows in %.2f s (the whole command, Spring's start-up included: %.2f s)",
                    outcome.succeeded(), Throughput.seconds(outcome.wallTime()), Throughput.seconds(outcome.command())));
            out.flush();

            List<MemoryProbeResult> bySize = new ArrayList<>();
            ChildJvm child = new ChildJvm(memoryMaxHeap);
            for (int size : memoryRows.stream().filter(n -> n > 0).sorted().toList()) {
                out.println("Memory: a " + size + "-row job in a fresh JVM (-Xmx" + memoryMaxHeap + ") ...");
                out.flush();
                bySize.add(child.probe(sandbox.baseUrl().toString(), key, size, concurrency));
            }
            BenchmarkReport report = new BenchmarkReport(throughput, cpu, memory, bySize, memoryMaxHeap);
            report.print(out);
            out.flush();
            return report.targetsMet() ? 0 : 3;
        } finally {
            deleteTree(work);
        }
    }

    /** In the child JVM: one job against the parent's sandbox, then this JVM's memory peaks as one line. */
    private int probe() throws IOException {
        String key = starter.environment().get(ApiKey.ENVIRONMENT_VARIABLE);
        if (key == null || probeApiBaseUrl == null) {
            throw new IllegalStateException("a memory probe needs the sandbox's address and key");
        }
        Path work = Files.createTempDirectory("backdrop-benchmark-probe-");
        try (MemoryWatch watch = new MemoryWatch(false, LIVE_SAMPLING)) {
            JobOutcome outcome = new BenchmarkJob(URI.create(probeApiBaseUrl), key, concurrency).run(work, probeRows);
            MemoryPeaks peaks = watch.peaks();
            double rowsPerSecond = outcome.succeeded() / Throughput.seconds(outcome.wallTime());
            PrintWriter out = spec.commandLine().getOut();
            out.println(MemoryProbeResult.MARKER + JsonMapper.builder().build().writeValueAsString(new MemoryProbeResult(
                    probeRows, rowsPerSecond, peaks.heapAfterGcBytes(), peaks.heapUsedBytes(), peaks.rssBytes())));
            out.flush();
            return 0;
        } finally {
            deleteTree(work);
        }
    }

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
