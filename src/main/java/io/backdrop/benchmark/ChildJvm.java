package io.backdrop.benchmark;

import io.backdrop.api.ApiKey;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts Backdrop in a fresh JVM with the same Java, the same classpath (the executable jar, or the
 * classes and libraries a build or IDE runs from) and a fixed heap limit, as a user starts it: so a
 * measured job pays for its own start-up and warm-up, and the memory peaks of different job sizes
 * never mix.
 */
final class ChildJvm {

    /** What a child's one-line JSON result follows, so the parent can find it among the child's output. */
    static final String RESULT_MARKER = "backdrop-benchmark-result: ";

    /**
     * What the thread-pool runner's child JVM reports.
     *
     * @param rows          rows it worked
     * @param startedMillis when its pool began (epoch ms), its JVM's start-up excluded
     * @param endedMillis   when the last row was written
     */
    record RunnerResult(long rows, long startedMillis, long endedMillis) {

        JobOutcome outcome() {
            return new JobOutcome(rows, Instant.ofEpochMilli(startedMillis), Instant.ofEpochMilli(endedMillis));
        }
    }

    /**
     * The start-up options a child is given as its parent was: a class data sharing archive, or
     * from Java 24 an AOT cache, which also keeps the training run's method profiles; and the JIT
     * compiler's top tier, which the README's faster start-up lowers for short commands.
     */
    private static final List<String> START_UP_OPTIONS = List.of("-XX:SharedArchiveFile=", "-XX:AOTCache=",
            "-XX:TieredStopAtLevel=");

    private final String maxHeap;
    private final Class<?> mainClass;

    ChildJvm(String maxHeap, Class<?> mainClass) {
        this.maxHeap = maxHeap;
        this.mainClass = mainClass;
    }

    /** Starts {@code backdrop <arguments>}, its output going to {@code log}. */
    Process start(List<String> arguments, String apiKey, Path log) throws IOException {
        return start(arguments, apiKey, Map.of(), log);
    }

    /** As {@link #start(List, String, Path)}, with more variables (an S3 server's keys and region). */
    Process start(List<String> arguments, String apiKey, Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(launcher());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The key goes by the environment, never on a command line that other users can list.
        builder.environment().putAll(environment);
        builder.environment().put(ApiKey.ENVIRONMENT_VARIABLE, apiKey);
        return builder.start();
    }

    /** Runs {@code backdrop benchmark --probe-rows N}: one job, then its memory peaks. */
    MemoryProbeResult probe(String apiBaseUrl, String apiKey, int rows, int concurrency, Path log)
            throws IOException, InterruptedException {
        Process child = start(List.of("benchmark", "--probe-rows", Integer.toString(rows), "--probe-api-base-url", apiBaseUrl,
                "--concurrency", Integer.toString(concurrency)), apiKey, log);
        return result(child.waitFor(), log, MemoryProbeResult.class, "the " + rows + "-row child JVM");
    }

    /**
     * The arguments of {@code backdrop benchmark} as the thread-pool runner's child: the catalog in
     * {@code input} (a folder, or {@code s3://bucket/prefix/} with {@code s3Endpoint}), results into
     * {@code output} (likewise), each row's feature call with {@code prompt}.
     */
    static List<String> threadPool(String input, String output, String s3Endpoint, String prompt, String apiBaseUrl,
                                   int concurrency) {
        List<String> arguments = new ArrayList<>(List.of("benchmark", "--thread-pool-input", input, "--thread-pool-output", output,
                "--thread-pool-prompt", prompt, "--probe-api-base-url", apiBaseUrl, "--concurrency", Integer.toString(concurrency)));
        if (s3Endpoint != null) {
            arguments.addAll(List.of("--thread-pool-s3-endpoint", s3Endpoint));
        }
        return arguments;
    }

    /**
     * Runs the thread-pool runner ({@link #threadPool} gives its arguments) in a fresh JVM under the
     * sampler's watch, as Backdrop's job is run; every row must have been worked.
     */
    MeasuredRun measureThreadPool(JobSampler sampler, List<String> arguments, String apiKey, Map<String, String> environment,
                                  Path log, long warmupRows, long rows, int concurrency) throws IOException, InterruptedException {
        JobSampler.WatchedJob watched = sampler.watch(() -> start(arguments, apiKey, environment, log));
        JobOutcome outcome = result(watched.exitCode(), log, RunnerResult.class, "the thread-pool runner's JVM").outcome();
        if (outcome.succeeded() != rows) {
            throw new IllegalStateException("the thread-pool runner worked " + outcome.succeeded() + " of " + rows + " rows");
        }
        return MeasuredRun.of(outcome, watched, warmupRows, rows, concurrency);
    }

    /** The one-line result a child that exited with {@code exit} left in its {@code log}. */
    static <T> T result(int exit, Path log, Class<T> type, String child) throws IOException {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String result = output.lines().filter(line -> line.startsWith(RESULT_MARKER)).findFirst()
                .map(line -> line.substring(RESULT_MARKER.length())).orElse(null);
        if (exit != 0 || result == null) {
            throw new IllegalStateException(child + " exited with " + exit + ":\n" + output);
        }
        return JsonMapper.builder().build().readValue(result, type);
    }

    /**
     * {@code java -Xmx... -jar backdrop.jar}, or {@code java -Xmx... -cp ... <main class>}, with the
     * start-up options this JVM was started with, if any: a child starts the way the user started
     * the benchmark, so a measured start-up is the one the README's commands give.
     */
    List<String> launcher() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap));
        command.addAll(startUpOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        if (!classpath.contains(System.getProperty("path.separator")) && classpath.endsWith(".jar")) {
            command.addAll(List.of("-jar", Path.of(classpath).toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", classpath, mainClass.getName()));
        }
        return command;
    }

    /** The start-up options among a JVM's arguments, in their order, for the JVM to apply as it would. */
    static List<String> startUpOptions(List<String> jvmArguments) {
        return jvmArguments.stream().filter(argument -> START_UP_OPTIONS.stream().anyMatch(argument::startsWith)).toList();
    }

    /** How the child JVMs start, for the benchmark's first line: with this JVM's start-up options or without. */
    static String startup(List<String> jvmArguments) {
        List<String> options = startUpOptions(jvmArguments);
        return options.isEmpty()
                ? "Start-up: child JVMs run without a start-up archive of Backdrop's classes and with every tier "
                        + "of the JIT compiler (start the benchmark with -XX:SharedArchiveFile, or -XX:AOTCache from "
                        + "Java 24, and -XX:TieredStopAtLevel=1 to measure with them)"
                : "Start-up: child JVMs start with " + String.join(" ", options)
                        + " as this JVM was (see the README's faster start-up)";
    }

    /** {@link #startup(List)} for this JVM. */
    static String startup() {
        return startup(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
