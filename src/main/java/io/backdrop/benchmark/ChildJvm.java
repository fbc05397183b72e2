package io.backdrop.benchmark;

import io.backdrop.api.ApiKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code backdrop benchmark --probe-rows N} in a fresh JVM with the same Java, the same
 * classpath (the executable jar, or the classes and libraries a build or IDE runs from) and a fixed
 * heap limit, so the memory peaks of different job sizes never mix.
 */
final class ChildJvm {

    private final String maxHeap;

    ChildJvm(String maxHeap) {
        this.maxHeap = maxHeap;
    }

    MemoryProbeResult probe(String apiBaseUrl, String apiKey, int rows, int concurrency) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher());
        command.addAll(List.of("benchmark", "--probe-rows", Integer.toString(rows), "--probe-api-base-url", apiBaseUrl,
                "--concurrency", Integer.toString(concurrency)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The key goes by the environment, never on a command line that other users can list.
        builder.environment().put(ApiKey.ENVIRONMENT_VARIABLE, apiKey);
        Process child = builder.start();
        StringBuilder output = new StringBuilder();
        String result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(MemoryProbeResult.MARKER)) {
                    result = line.substring(MemoryProbeResult.MARKER.length());
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("the " + rows + "-row child JVM exited with " + exit + ":\n" + output);
        }
        return JsonMapper.builder().build().readValue(result, MemoryProbeResult.class);
    }

    /** {@code java -Xmx... -jar backdrop.jar}, or {@code java -Xmx... -cp ... io.backdrop.BackdropApplication}. */
    List<String> launcher() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap));
        if (!classpath.contains(System.getProperty("path.separator")) && classpath.endsWith(".jar")) {
            command.addAll(List.of("-jar", Path.of(classpath).toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", classpath, "io.backdrop.BackdropApplication"));
        }
        return command;
    }
}
