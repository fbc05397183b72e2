package io.backdrop.benchmark;

import io.backdrop.api.ApiKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        int exit = child.waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String result = output.lines().filter(line -> line.startsWith(MemoryProbeResult.MARKER)).findFirst()
                .map(line -> line.substring(MemoryProbeResult.MARKER.length())).orElse(null);
        if (exit != 0 || result == null) {
            throw new IllegalStateException("the " + rows + "-row child JVM exited with " + exit + ":\n" + output);
        }
        return JsonMapper.builder().build().readValue(result, MemoryProbeResult.class);
    }

    /** {@code java -Xmx... -jar backdrop.jar}, or {@code java -Xmx... -cp ... <main class>}. */
    List<String> launcher() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap));
        if (!classpath.contains(System.getProperty("path.separator")) && classpath.endsWith(".jar")) {
            command.addAll(List.of("-jar", Path.of(classpath).toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", classpath, mainClass.getName()));
        }
        return command;
    }
}
