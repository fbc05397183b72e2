package io.backdrop.support;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a test that runs the console against the sandbox sets up before each case: a
 * {@link RunFolder} with {@code coffee.png}, its database, console and output, the console's
 * {@code ONEMIN_API_KEY} being the test's key; the sandbox and the manifest, which each test makes
 * as its cases need. The folder is closed after each case: the sandbox stops, the database is dropped.
 * A subclass's own {@code @BeforeEach} runs after this one's, its {@code @AfterEach} before.
 */
public abstract class RunFolderFixture {

    private final String apiKey;

    @TempDir
    protected Path work;

    protected RunFolder folder;
    protected TestDatabase database;
    protected SandboxServer sandbox;
    protected CommandLineRun backdrop;
    protected Path output;
    protected Path manifest;

    /** {@code apiKey}: the console's key, and the only one the sandbox started here accepts. */
    protected RunFolderFixture(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The job repository's database: an H2 file in the folder unless the test names another. */
    protected TestDatabase database(Path work) {
        return TestDatabase.h2(work);
    }

    @BeforeEach
    void prepareRunFolder() throws IOException {
        folder = RunFolder.prepare(work, database(work), Map.of("ONEMIN_API_KEY", apiKey), "coffee.png");
        database = folder.database();
        backdrop = folder.backdrop();
        output = folder.output();
    }

    @AfterEach
    void closeRunFolder() {
        folder.close();
    }

    /** Starts the sandbox with these settings and the test's key; it stops when the folder closes. */
    protected void startSandbox(SandboxSettings settings) throws IOException {
        sandbox = folder.startSandbox(settings.withApiKey(apiKey));
    }
}
