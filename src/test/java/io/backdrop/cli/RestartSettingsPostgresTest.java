package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/**
 * A restart reads the settings it keeps from the job database exactly as the run's own pool is
 * configured: here Backdrop's tables live in a PostgreSQL schema of their own, chosen by
 * {@code spring.datasource.hikari.schema}. Read with the URL alone, the kept settings would be
 * looked for in the public schema, not found, and the restart would run with the defaults.
 */
class RestartSettingsPostgresTest {

    private static final String KEY = "restart-settings-key";
    private static final String SCHEMA = "backdrop_jobs";

    @TempDir
    Path work;

    private TestDatabase database;
    private SandboxServer sandbox;
    private CommandLineRun backdrop;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.localPostgres();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(KEY));
        backdrop = CommandLineRun.on(database).withEnvironment(Map.of("ONEMIN_API_KEY", KEY));
        SamplePhotos.copyInto(work.resolve("images"), "coffee.png");
        StringBuilder csv = new StringBuilder("id,image,prompt\n");
        for (int row = 1; row <= 5; row++) {
            csv.append("row-").append(row).append(",images/coffee.png,a table number ").append(row).append('\n');
        }
        Files.writeString(work.resolve("manifest.csv"), csv);
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
        database.close();
    }

    @Test
    void aRestartKeepsTheSettingsOfAJobWhoseTablesAreInASchemaOfTheirOwn() throws Exception {
        var capped = backdrop.execute("run", "--manifest", work.resolve("manifest.csv").toString(),
                "--output", work.resolve("out").toString(), "--quality", "low", "--size", "1024x1024",
                "--api-base-url", sandbox.baseUrl().toString(), "--max-images", "2", "--concurrency", "3",
                "--spring.datasource.hikari.schema=" + SCHEMA);
        assertThat(capped.exitCode()).as(capped.out() + capped.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(sandbox.stats().paidCalls()).isEqualTo(2);

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                "--spring.datasource.hikari.schema=" + SCHEMA);

        // Its budget kept: two more calls, then stopped again; with the defaults it would have finished.
        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(sandbox.stats().paidCalls()).isEqualTo(4);
        assertThat(settingsOf(2)).containsEntry("setting.backdrop.job.concurrency", "3")
                .containsEntry("setting.backdrop.job.max-images", "2");
    }

    /** An execution's context as Spring Batch stored it, in the schema. */
    private Map<String, Object> settingsOf(long executionId) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT SHORT_CONTEXT, SERIALIZED_CONTEXT FROM " + SCHEMA
                     + ".BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = " + executionId)) {
            assertThat(result.next()).as("execution " + executionId + " has a context in " + SCHEMA).isTrue();
            String stored = result.getString(2) != null ? result.getString(2) : result.getString(1);
            return new DefaultExecutionContextSerializer().deserialize(
                    new ByteArrayInputStream(stored.getBytes(StandardCharsets.ISO_8859_1)));
        }
    }
}
