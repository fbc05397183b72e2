package io.backdrop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the console in this JVM, as a user would type it, with its own database and environment. */
record CommandLineRun(Path database, Map<String, String> environment) {

    record Outcome(int exitCode, String out, String err) {
    }

    static CommandLineRun withDatabaseIn(Path folder) {
        return new CommandLineRun(folder.resolve("db"), Map.of());
    }

    CommandLineRun withEnvironment(Map<String, String> environment) {
        return new CommandLineRun(database, environment);
    }

    String databaseUrl() {
        return "jdbc:h2:file:" + database.resolve("backdrop") + ";AUTO_SERVER=TRUE";
    }

    Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + databaseUrl());
        int code = new BackdropCli(environment, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }
}
