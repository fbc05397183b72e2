package io.backdrop.support;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a test runs the console: its folder with the sample photos it names under
 * {@code images/} (the manifests' relative paths), the output folder {@code out/}, the job
 * database, the console on that database with the environment given, and the sandbox when the
 * test starts one. Closing it stops the sandbox and drops the database.
 */
public final class RunFolder implements AutoCloseable {

    private final Path work;
    private final TestDatabase database;
    private final CommandLineRun backdrop;
    private SandboxServer sandbox;

    private RunFolder(Path work, TestDatabase database, CommandLineRun backdrop) {
        this.work = work;
        this.database = database;
        this.backdrop = backdrop;
    }

    public static RunFolder prepare(Path work, TestDatabase database, Map<String, String> environment,
                                    String... photos) throws IOException {
        SamplePhotos.copyInto(work.resolve("images"), photos);
        return new RunFolder(work, database, CommandLineRun.on(database).withEnvironment(environment));
    }

    public TestDatabase database() {
        return database;
    }

    public CommandLineRun backdrop() {
        return backdrop;
    }

    public Path output() {
        return work.resolve("out");
    }

    /**
     * Writes {@code manifest.csv}: {@code rows} rows ({@code row-1}, {@code row-2}, ...) of one
     * photo of {@code images/}, each with a prompt of its own, so each is its own paid call.
     */
    public Path manifestOf(String photo, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("id,image,prompt,size,quality\n");
        for (int row = 1; row <= rows; row++) {
            csv.append("row-").append(row).append(",images/").append(photo).append(",a table ").append(row)
                    .append(",1536x1024,low\n");
        }
        return Files.writeString(work.resolve("manifest.csv"), csv);
    }

    /** Starts the sandbox, stopped when the folder is closed. */
    public SandboxServer startSandbox(SandboxSettings settings) throws IOException {
        sandbox = SandboxServer.start(settings);
        return sandbox;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
        database.close();
    }
}
