package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.cli.ExitCodes;
import io.backdrop.sandbox.Endpoint;
import io.backdrop.sandbox.HeldCalls;
import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.RunFolderFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --concurrency N} bounds the paid calls in flight, not the rows: while N calls are held in
 * the sandbox, the next rows are uploaded and wait for a call slot, and a stop or the budget
 * leaves them uploaded, unpaid, and reused by the restart.
 */
class CallsInFlightTest extends RunFolderFixture {

    static final String KEY = "test-key-calls-in-flight";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    CallsInFlightTest() {
        super(KEY);
    }

    @BeforeEach
    void setUp() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifest = folder.manifestOf("coffee.png", 6);
    }

    @Test
    void whileTwoCallsAreHeldTheNextRowsAreUploadedButNotCalled() throws Exception {
        CompletableFuture<CommandLineRun.Outcome> run;
        try (HeldCalls held = sandbox.faults().hold(Endpoint.FEATURE)) {
            run = CompletableFuture.supplyAsync(() -> backdrop.execute(args("run")));
            held.awaitHeld(2, PATIENCE);
            // Two more rows (the headroom of 2) are uploaded and wait for a slot.
            awaitTrue(() -> sandbox.stats().uploads() == 4 && rowsWaitingForASlot() == 2, run);

            assertThat(held.held()).isEqualTo(2);
            assertThat(sandbox.stats().featureCalls()).as("no third call while two are in flight").isEqualTo(2);
            assertThat(sandbox.stats().uploads()).as("no more rows than calls and headroom").isEqualTo(4);
        }
        CommandLineRun.Outcome outcome = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED").hasSize(6);
        assertThat(sandbox.stats().paidCalls()).isEqualTo(6);
        assertThat(sandbox.stats().uploads()).isEqualTo(6);
    }

    @Test
    void aStopLeavesTheRowsWaitingForASlotUploadedAndUnpaidAndTheRestartReusesTheirUploads() throws Exception {
        CompletableFuture<CommandLineRun.Outcome> run;
        try (HeldCalls held = sandbox.faults().hold(Endpoint.FEATURE)) {
            run = CompletableFuture.supplyAsync(() -> backdrop.execute(args("run")));
            held.awaitHeld(2, PATIENCE);
            awaitTrue(() -> sandbox.stats().uploads() == 4 && rowsWaitingForASlot() == 2, run);

            var stop = backdrop.execute("stop", "1");

            assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
            // The rows waiting give up their slot once the stop is seen, and keep their uploads.
            awaitTrue(() -> database.count("SELECT COUNT(*) FROM BACKDROP_ROW WHERE STATUS = 'UPLOADED'") == 2, run);
        }
        CommandLineRun.Outcome stopped = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(stopped.out()).contains("STOPPED");
        assertThat(sandbox.stats().featureCalls()).as("only the two calls in flight at the stop").isEqualTo(2);

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED").hasSize(6);
        assertThat(sandbox.stats().paidCalls()).as("one paid call per row").isEqualTo(6);
        assertThat(sandbox.stats().uploads()).as("the uploads of the stopped run are reused").isEqualTo(6);
    }

    @Test
    void aStopIsSeenWithinTheChunkWhileWorkersAreFreeNotOnlyAtItsEnd() throws Exception {
        // One worker, 100 ms a call, every row in one chunk: the writer never waits a second for a
        // worker, so only its own look at the job repository can see the stop before the chunk ends.
        try (SandboxServer slow = SandboxServer.start(SandboxSettings.defaults().withApiKey(KEY)
                .withLatency(Duration.ofMillis(100), Duration.ZERO))) {
            Path rows = folder.manifestOf("coffee.png", 100);
            List<String> arguments = List.of("run", "--manifest", rows.toString(), "--output", output.toString(),
                    "--api-base-url", slow.baseUrl().toString(), "--progress", "none", "--concurrency", "1",
                    "--backdrop.job.headroom=0", "--backdrop.job.chunk-size=500");
            CompletableFuture<CommandLineRun.Outcome> run =
                    CompletableFuture.supplyAsync(() -> backdrop.execute(arguments.toArray(String[]::new)));
            awaitTrue(() -> slow.stats().paidCalls() >= 3, run);

            var stop = backdrop.execute("stop", "1");
            long paidAtStop = slow.stats().paidCalls();

            assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
            CommandLineRun.Outcome stopped = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(stopped.out()).contains("STOPPED");
            // Seen within a second of the writer's clock: a handful of rows at 100 ms, not the chunk's 100.
            assertThat(slow.stats().paidCalls()).as("calls after the stop").isLessThanOrEqualTo(paidAtStop + 20);

            var restarted = backdrop.execute("restart", "1", "--api-base-url", slow.baseUrl().toString(),
                    "--concurrency", "8");

            assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
            assertThat(slow.stats().paidCalls()).as("one paid call per row over both executions").isEqualTo(100);
        }
    }

    @Test
    void theBudgetLeavesTheRowsUploadedAheadUnpaidAndTheRestartReusesTheirUploads() {
        var capped = backdrop.execute(args("run", "--max-images", "2"));

        assertThat(capped.exitCode()).as(capped.out() + capped.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(capped.out()).contains("STOPPED").contains("budget reached");
        assertThat(sandbox.stats().featureCalls()).isEqualTo(2);

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                "--max-images", "10");

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).as("one paid call per row").isEqualTo(6);
        assertThat(sandbox.stats().uploads()).as("every row uploaded once, over both executions").isEqualTo(6);
    }

    @Test
    void aRestartAgainstAnApiThatNoLongerKnowsTheUploadsUploadsAgainAndPaysOncePerRow() throws IOException {
        var capped = backdrop.execute(args("run", "--max-images", "2"));
        assertThat(capped.exitCode()).as(capped.out() + capped.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(database.count("SELECT COUNT(*) FROM BACKDROP_ROW WHERE STATUS = 'UPLOADED'"))
                .as("rows uploaded ahead, unpaid").isEqualTo(2);

        // A new emulator, as a restart with --sandbox gets: the uploads of the first run are unknown to it.
        try (SandboxServer forgetful = SandboxServer.start(SandboxSettings.defaults().withApiKey(KEY))) {
            var restarted = backdrop.execute("restart", "1", "--api-base-url", forgetful.baseUrl().toString(),
                    "--max-images", "10");

            assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
            assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED").hasSize(6);
            assertThat(forgetful.stats().paidCalls()).as("one paid call per row left").isEqualTo(4);
            assertThat(forgetful.stats().rejectedRequests()).as("the two calls naming a forgotten upload, refused")
                    .isEqualTo(2);
            assertThat(forgetful.stats().uploads()).as("the two forgotten uploads again, and the two rows never uploaded")
                    .isEqualTo(4);
        }
        assertThat(sandbox.stats().paidCalls()).isEqualTo(2);
    }

    /** Worker threads of this JVM waiting for a call slot: the rows uploaded ahead of the calls. */
    private static long rowsWaitingForASlot() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith("backdrop-row-"))
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame ->
                        frame.getClassName().equals(CallSlots.class.getName()) && frame.getMethodName().equals("take")))
                .count();
    }

    private String[] args(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--manifest", manifest.toString(), "--output",
                output.toString(), "--api-base-url", sandbox.baseUrl().toString(), "--progress", "none",
                "--concurrency", "2"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static void awaitTrue(BooleanSupplier condition, CompletableFuture<?> run) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(run).as("the run is still going").isNotDone();
            assertThat(Instant.now()).as("waited for the run").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
