package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/** Job files, templates, size from the source, incremental runs, plan and budget, through the console. */
class CatalogWorkflowTest {

    static final String KEY = "catalog-test-key";

    @TempDir
    Path work;

    SandboxServer sandbox;
    CommandLineRun backdrop;
    Path output;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey(KEY));
        backdrop = CommandLineRun.on(TestDatabase.h2(work)).withEnvironment(Map.of("ONEMIN_API_KEY", KEY));
        output = work.resolve("out");
        SamplePhotos.copyInto(work.resolve("images"), "coffee.png", "chelsea.png", "rocket.jpg");
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    @Test
    void jobFileRunsWithItsDefaultsTemplatesAndSourceSize() throws IOException {
        manifest("""
                id,image,title
                cup,images/coffee.png,espresso cup
                cat,images/chelsea.png,tabby cat
                """);
        Path jobFile = Files.writeString(work.resolve("job.yml"), """
                name: test-job
                manifest: manifest.csv
                output: out
                defaults:
                  prompt: "a {{title}} on a snowy windowsill"
                  size: source
                  quality: low
                concurrency: 2
                """);

        var outcome = backdrop.execute(withApi("run", jobFile.toString()));

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(ImageIO.read(output.resolve("cup.png").toFile()).getWidth()).isEqualTo(1008);
        assertThat(ImageIO.read(output.resolve("cup.png").toFile()).getHeight()).isEqualTo(672);
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
    }

    @Test
    void unknownTemplateColumnRejectsTheRow() throws IOException {
        manifest("""
                id,image,prompt,title
                cup,images/coffee.png,a {{colour}} {{title}},espresso cup
                cat,images/chelsea.png,a {{title}} in the snow,tabby cat
                """);

        var outcome = backdrop.execute(withApi("run", "--manifest", work.resolve("manifest.csv").toString(),
                "--output", output.toString(), "--size", "1024x1024", "--quality", "low"));

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        var results = ResultsFiles.latest(output);
        assertThat(results.get(0).get("status")).isEqualTo("REJECTED");
        assertThat(results.get(0).get("error")).contains("prompt").contains("unknown column 'colour'");
        assertThat(results.get(1).get("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void secondRunReusesEveryUnchangedRowAndPaysOnlyForTheChangedOne() throws IOException {
        manifest("""
                id,image,prompt
                cup,images/coffee.png,a marble counter
                cat,images/chelsea.png,a grey studio
                rocket,images/rocket.jpg,a night sky
                """);
        assertThat(runManifest().exitCode()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(3);

        var again = runManifest();

        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("REUSED");
        assertThat(sandbox.stats().paidCalls()).as("nothing paid twice").isEqualTo(3);
        assertThat(again.out()).contains("3 reused");

        manifest("""
                id,image,prompt
                cup,images/coffee.png,a marble counter
                cat,images/chelsea.png,a sunny garden
                rocket,images/rocket.jpg,a night sky
                """);
        Files.delete(output.resolve("rocket.png"));
        var changed = runManifest();

        assertThat(changed.exitCode()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status"))
                .containsExactly("REUSED", "SUCCEEDED", "SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).as("a changed prompt and a lost output are paid once").isEqualTo(5);

        var forced = runManifest("--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(8);
    }

    @Test
    void reusedResultIsCopiedToANewOutput() throws IOException {
        manifest("id,image,prompt\ncup,images/coffee.png,a marble counter\n");
        assertThat(runManifest().exitCode()).isZero();

        Path elsewhere = work.resolve("elsewhere");
        var outcome = backdrop.execute(withApi("run", "--manifest", work.resolve("manifest.csv").toString(),
                "--output", elsewhere.toString(), "--size", "1536x1024", "--quality", "low"));

        assertThat(outcome.exitCode()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
        assertThat(Files.readAllBytes(elsewhere.resolve("cup.png"))).isEqualTo(Files.readAllBytes(output.resolve("cup.png")));
    }

    @Test
    void planCountsWithoutCallingTheApi() throws IOException {
        manifest("""
                id,image,prompt,quality
                cup,images/coffee.png,a marble counter,low
                cat,images/chelsea.png,a grey studio,high
                bad,images/rocket.jpg,a night sky,best
                """);

        var plan = backdrop.execute("plan", "--manifest", work.resolve("manifest.csv").toString(), "--output",
                output.toString(), "--size", "1536x1024");

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        assertThat(plan.out()).contains("3 total, 2 valid, 1 rejected").contains("quality: must be one of")
                .contains("To pay for: 2").contains("high").contains("Reusable:   0");
        assertThat(plan.out().lines().reduce((first, second) -> second).orElseThrow())
                .as("the plan's own time, last").matches("Time: +\\d+\\.\\d\\d s \\(reading the manifest.*");
        assertThat(sandbox.stats().featureCalls() + sandbox.stats().uploads()).isZero();
    }

    @Test
    void planOfAMalformedManifestIsAUsageErrorNamingTheLine() throws IOException {
        manifest("id,image,prompt\ncup,images/coffee.png,a table\ncat,images/chelsea.png\n");

        var plan = backdrop.execute("plan", "--manifest", work.resolve("manifest.csv").toString(), "--size",
                "1536x1024", "--quality", "low");
        var confirmed = runManifest("--confirm-over", "5");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(plan.err()).contains("line 3").doesNotContain("Exception");
        assertThat(confirmed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(confirmed.err()).contains("line 3");
        assertThat(sandbox.stats().uploads()).isZero();
    }

    @Test
    void maxImagesCapsPaidCallsExactlyUnderConcurrencyAndARestartKeepsTheSettingsOfTheExecutionItRestarts()
            throws Exception {
        StringBuilder csv = new StringBuilder("id,image,prompt\n");
        for (int i = 1; i <= 7; i++) {
            csv.append("row-").append(i).append(",images/coffee.png,a table number ").append(i).append('\n');
        }
        Files.writeString(work.resolve("manifest.csv"), csv);

        var capped = runManifest("--max-images", "3", "--concurrency", "4", "--rate-limit", "600/min");

        assertThat(capped.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(capped.out()).contains("STOPPED").contains("budget reached");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(3);

        // No option: the restart runs as the execution it restarts did, budget included.
        var kept = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());
        assertThat(kept.exitCode()).as(kept.out() + kept.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(sandbox.stats().paidCalls()).isEqualTo(6);
        assertThat(settingsOf(2)).containsEntry("setting.backdrop.job.concurrency", "4")
                .containsEntry("setting.backdrop.job.max-images", "3")
                .containsEntry("setting.backdrop.api.rate-limit", "600/min");

        // An option given to restart wins over the kept setting.
        var overridden = backdrop.execute("restart", "2", "--api-base-url", sandbox.baseUrl().toString(),
                "--max-images", "5", "--concurrency", "2");
        assertThat(overridden.exitCode()).as(overridden.out() + overridden.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(7);
        assertThat(sandbox.stats().uploads()).as("a row uploaded when the budget ran out is not uploaded again").isEqualTo(7);
        assertThat(settingsOf(3)).containsEntry("setting.backdrop.job.concurrency", "2")
                .containsEntry("setting.backdrop.job.max-images", "5")
                .containsEntry("setting.backdrop.api.rate-limit", "600/min");
        for (long execution = 1; execution <= 3; execution++) {
            assertThat(settingsOf(execution).values()).noneMatch(value -> String.valueOf(value).contains(KEY));
        }
    }

    /** An execution's context as Spring Batch stored it. */
    private Map<String, Object> settingsOf(long executionId) throws Exception {
        TestDatabase database = TestDatabase.h2(work);
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT SHORT_CONTEXT, SERIALIZED_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = ?")) {
            query.setLong(1, executionId);
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).as("execution " + executionId + " has a context").isTrue();
                String stored = result.getString(2) != null ? result.getString(2) : result.getString(1);
                assertThat(stored).doesNotContain(KEY);
                return new DefaultExecutionContextSerializer().deserialize(
                        new ByteArrayInputStream(stored.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
    }

    @Test
    void confirmOverRefusesOffATerminalUnlessYes() throws IOException {
        manifest("id,image,prompt\ncup,images/coffee.png,a table\ncat,images/chelsea.png,a sofa\n");

        var refused = runManifest("--confirm-over", "1");
        var confirmed = runManifest("--confirm-over", "1", "--yes");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("would pay for 2 rows").contains("--yes");
        assertThat(confirmed.exitCode()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(2);
    }

    @Test
    void badDefaultIsAUsageErrorNotARejectionPerRow() throws IOException {
        manifest("id,image\ncup,images/coffee.png\n");

        var outcome = runManifest("--size", "1000x1000");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--size").contains("divisible by 16");
    }

    private void manifest(String content) throws IOException {
        Files.writeString(work.resolve("manifest.csv"), content);
    }

    private CommandLineRun.Outcome runManifest(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--manifest", work.resolve("manifest.csv").toString(),
                "--output", output.toString(), "--quality", "low"));
        if (!List.of(extra).contains("--size")) {
            args.addAll(List.of("--size", "1536x1024"));
        }
        args.addAll(List.of(extra));
        return backdrop.execute(withApi(args.toArray(String[]::new)));
    }

    private String[] withApi(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api-base-url", sandbox.baseUrl().toString()));
        return all.toArray(String[]::new);
    }
}
