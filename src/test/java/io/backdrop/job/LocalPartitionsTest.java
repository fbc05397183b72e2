package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.cli.ExitCodes;
import io.backdrop.sandbox.Endpoint;
import io.backdrop.sandbox.Fault;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.RunFolderFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code run --partitions N} without a broker: the partitions on local threads, one job's results. */
class LocalPartitionsTest extends RunFolderFixture {

    static final String KEY = "test-key-local-partitions";

    LocalPartitionsTest() {
        super(KEY);
    }

    @BeforeEach
    void setUp() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifest = folder.manifestOf("coffee.png", 7);
    }

    @Test
    void partitionsCoverEveryRowOnceAndPublishOneResultsFile() throws IOException {
        var outcome = backdrop.execute(args("run", "--partitions", "3"));

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("id"))
                .containsExactly("row-1", "row-2", "row-3", "row-4", "row-5", "row-6", "row-7");
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).as("one paid call per row").isEqualTo(7);
        assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:partition-%'"
                + " AND STATUS = 'COMPLETED'")).isEqualTo(3);
    }

    @Test
    void restartRerunsOnlyTheUnfinishedPartition() throws IOException {
        // One 401 (a key refused) halts the partition that meets it; the other partitions go on.
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_401, 1);

        var first = backdrop.execute(args("run", "--partitions", "3"));

        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                + " AND STATUS = 'FAILED'")).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                + " AND STATUS = 'COMPLETED'")).isEqualTo(2);
        long paidBefore = sandbox.stats().paidCalls();

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                + " AND JOB_EXECUTION_ID = 2")).as("only the failed partition runs again").isEqualTo(1);
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).hasSize(7).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).as("the 401 is not charged; no row paid twice").isEqualTo(7);
        assertThat(paidBefore).as("the halted partition left rows for the restart").isLessThan(7);
    }

    @Test
    void aPartitionRecordedCompletedWhileItsLastCallsRanIsWorkedAgainOnRestart() throws Exception {
        Files.writeString(manifest, "id,image,prompt,size,quality\n"
                + "row-1,images/coffee.png,a table 1,1536x1024,low\nrow-2,images/coffee.png,a table 2,1536x1024,low\n");
        // The first result's download hangs: its partition, its one row read, is recorded COMPLETED by
        // Spring Batch while the dispatcher still waits for that row.
        sandbox.faults().slow(Endpoint.DOWNLOAD, Duration.ofSeconds(30), 1);
        Process child = backdrop.start(work.resolve("child.log"), args("run", "--partitions", "2"));
        // The child holds the H2 file first (the process that opens it serves it to the others).
        awaitTrue(() -> sandbox.stats().paidCalls() >= 2, child);
        awaitTrue(() -> database.count("SELECT COUNT(*) FROM BACKDROP_ROW WHERE STATUS = 'GENERATED'") == 1
                && database.count("SELECT COUNT(*) FROM BACKDROP_ROW WHERE STATUS = 'SUCCEEDED'") == 1
                && database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                + " AND STATUS = 'COMPLETED'") == 2, child);

        child.destroyForcibly().waitFor();
        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                // H2 numbers the restart past the ids the killed process had cached: the newest execution.
                + " AND JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)"))
                .as("only the partition with a row in flight runs again").isEqualTo(1);
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).as("the paid result is fetched, not paid again").isEqualTo(2);
    }

    private void awaitTrue(BooleanSupplier condition, Process child) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline) || !child.isAlive()) {
                throw new AssertionError("not reached: " + Files.readString(work.resolve("child.log")));
            }
            Thread.sleep(50);
        }
    }

    @Test
    void maxImagesHoldsForTheWholeJobNotForEachPartition() {
        var capped = backdrop.execute(args("run", "--partitions", "3", "--max-images", "2"));

        assertThat(capped.exitCode()).as(capped.out() + capped.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(capped.out()).contains("STOPPED").contains("budget reached");
        assertThat(sandbox.stats().paidCalls()).as("two paid calls in all, not two per partition").isEqualTo(2);
    }

    @Test
    void theSkipLimitJudgesTheWholeJob() {
        // One failure for each partition: none of them alone is past the limit of two.
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_400, 3);

        var failed = backdrop.execute(args("run", "--partitions", "3", "--max-failures", "2", "--max-failure-rate", "1"));

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(failed.out() + failed.err()).contains("skip limit reached: 3 rows failed, more than the 2 allowed");
    }

    private String[] args(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--manifest", manifest.toString(), "--output",
                output.toString(), "--api-base-url", sandbox.baseUrl().toString(),
                "--backdrop.api.initial-backoff=1ms", "--backdrop.api.max-backoff=20ms", "--concurrency", "1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }
}
