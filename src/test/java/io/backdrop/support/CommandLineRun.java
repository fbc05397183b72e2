package io.backdrop.support;

import io.backdrop.Backdrop;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the console as a user types it: in this JVM, or as a child JVM that a test can kill,
 * against a given database and environment.
 */
public record CommandLineRun(TestDatabase database, Map<String, String> environment) {

    public record Outcome(int exitCode, String out, String err) {
    }

    public static CommandLineRun on(TestDatabase database) {
        return new CommandLineRun(database, Map.of());
    }

    public CommandLineRun withEnvironment(Map<String, String> environment) {
        return new CommandLineRun(database, environment);
    }

    public Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Backdrop.console(environment, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(withDatabase(args));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The same command in a child JVM with this test's classpath; its output goes to the given file. */
    public Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Backdrop.class.getName());
        command.addAll(List.of(withDatabase(args)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("ONEMIN_API_KEY");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private String[] withDatabase(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(database.springArguments());
        return all.toArray(String[]::new);
    }
}
