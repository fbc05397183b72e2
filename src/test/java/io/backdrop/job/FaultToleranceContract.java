package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.cli.ExitCodes;
import io.backdrop.sandbox.Endpoint;
import io.backdrop.sandbox.Fault;
import io.backdrop.sandbox.HeldCalls;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.RunFolderFixture;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Retry, skip, fail fast and restart, against the sandbox's fault injection. The same cases run
 * on every database Backdrop supports: each subclass says which.
 */
abstract class FaultToleranceContract extends RunFolderFixture {

    static final String KEY = "test-key-" + FaultToleranceContract.class.hashCode();

    FaultToleranceContract() {
        super(KEY);
    }

    @Override
    protected abstract TestDatabase database(Path work);

    @Test
    void transientFaultsAreRetriedToSuccess() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(3);
        for (Fault fault : List.of(Fault.STATUS_429, Fault.STATUS_500, Fault.STATUS_502, Fault.STATUS_503,
                Fault.STATUS_504, Fault.DROP_CONNECTION)) {
            sandbox.faults().next(Endpoint.FEATURE, fault, 1);
        }
        sandbox.faults().next(Endpoint.UPLOAD, Fault.STATUS_503, 1).next(Endpoint.UPLOAD, Fault.DROP_CONNECTION, 1);
        sandbox.faults().next(Endpoint.DOWNLOAD, Fault.TRUNCATED_DOWNLOAD, 1).next(Endpoint.DOWNLOAD, Fault.STATUS_500, 1);

        var outcome = run("--max-attempts", "10");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(Integer.parseInt(results.get(0).get("attempts"))).isGreaterThan(3 + 6);
        assertThat(sandbox.stats().paidCalls()).as("no fault above charges, so one paid call per row").isEqualTo(3);
    }

    @Test
    void malformedAnswerIsRetriedAndCountedInDoubt() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(1);
        sandbox.faults().next(Endpoint.FEATURE, Fault.MALFORMED_JSON, 1);

        var outcome = run();

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        Map<String, String> result = ResultsFiles.latest(output).get(0);
        assertThat(result.get("status")).isEqualTo("SUCCEEDED");
        assertThat(result.get("in_doubt_calls")).as("the unreadable answer was charged").isEqualTo("1");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(2);
        assertThat(outcome.out()).contains("In doubt:   1 paid call(s)");
    }

    @Test
    void unreadableAnswersToThePaidCallAreRetriedOnlyOnce() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(2);
        sandbox.faults().next(Endpoint.FEATURE, Fault.MALFORMED_JSON, 6);

        var outcome = run("--max-attempts", "6", "--max-failure-rate", "1");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results.get(0).get("status")).isEqualTo("FAILED");
        assertThat(results.get(0).get("error")).contains("malformed");
        assertThat(results.get(0).get("in_doubt_calls")).isEqualTo("2");
        assertThat(results.get(1).get("status")).isEqualTo("FAILED");
        assertThat(sandbox.stats().paidCalls()).as("two answers a row, each charged, then no more").isEqualTo(4);
        assertThat(outcome.out()).contains("In doubt:   4 paid call(s)");
    }

    @Test
    void permanentFaultsFailOnlyTheirRow() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(8);
        for (Fault fault : List.of(Fault.STATUS_400, Fault.STATUS_404, Fault.STATUS_413, Fault.STATUS_422,
                Fault.FAILED_RECORD, Fault.NO_RESULT)) {
            sandbox.faults().next(Endpoint.FEATURE, fault, 1);
        }
        sandbox.faults().next(Endpoint.DOWNLOAD, Fault.NOT_AN_IMAGE, 1);

        var outcome = run("--max-failure-rate", "1");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).extracting(r -> r.get("status")).containsExactly("FAILED", "FAILED", "FAILED", "FAILED",
                "FAILED", "FAILED", "FAILED", "SUCCEEDED");
        assertThat(results).extracting(r -> r.get("error")).satisfies(errors -> {
            assertThat(errors.get(0)).contains("400");
            assertThat(errors.get(1)).contains("404");
            assertThat(errors.get(2)).contains("413");
            assertThat(errors.get(3)).contains("422");
            assertThat(errors.get(4)).contains("FAILED");
            assertThat(errors.get(5)).containsIgnoringCase("result");
            assertThat(errors.get(6)).containsIgnoringCase("not an image");
        });
        assertThat(sandbox.stats().featureCalls()).as("a permanent fault is never retried").isEqualTo(8);
        assertThat(output.resolve("row-8.png")).exists();
        assertThat(output.resolve("row-1.png")).doesNotExist();
    }

    @Test
    void wrongKeyStopsTheJobAtOnceAndRestartWithTheRightKeyFinishesIt() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(4);
        var wrong = backdrop.withEnvironment(Map.of("ONEMIN_API_KEY", "not-the-key"));

        var failed = wrong.execute(args("run"));

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(failed.out()).contains("FAILED").contains("API key");
        assertThat(sandbox.stats().rejectedRequests()).as("no storm of failed rows").isLessThanOrEqualTo(1);
        assertThat(failed.out() + failed.err()).doesNotContain("not-the-key");

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED").hasSize(4);
    }

    @Test
    void spentCreditsStopTheJobWithAMessageSayingWhatToFix() throws IOException {
        startSandbox(SandboxSettings.defaults().withCreditBudget(2));
        manifestOf(5);

        var outcome = run();

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(outcome.out()).containsIgnoringCase("credits");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(2);
        assertThat(sandbox.stats().featureCalls()).as("stops at the first refused call").isLessThanOrEqualTo(3);
    }

    @Test
    void restartAfterRefusedCreditsFinishesWithoutPayingTwice() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(3);
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_402, 1);

        assertThat(run().exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(3);
        assertThat(sandbox.stats().uploads()).as("the first row's upload is reused").isEqualTo(3);
    }

    @Test
    void skipLimitByCountFailsTheJob() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(6);
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_400, 6);

        var outcome = run("--max-failures", "2", "--max-failure-rate", "1");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(outcome.out()).contains("skip limit");
        assertThat(sandbox.stats().featureCalls()).isEqualTo(3);
    }

    @Test
    void skipLimitByRateFailsTheJobEarly() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(10);
        sandbox.faults().next(Endpoint.FEATURE, Fault.STATUS_422, 10);

        var outcome = run("--max-failure-rate", "0.5", "--failure-window", "4");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(outcome.out()).contains("skip limit").contains("of the last");
        assertThat(sandbox.stats().featureCalls()).as("more than half of 4 is 3").isEqualTo(3);
    }

    @Test
    void brokenDownloadIsFetchedAgainWithoutASecondPaidCall() throws IOException {
        startSandbox(SandboxSettings.defaults());
        manifestOf(1);
        sandbox.faults().next(Endpoint.DOWNLOAD, Fault.TRUNCATED_DOWNLOAD, 1);

        var outcome = run();

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
        assertThat(sandbox.stats().downloads()).isEqualTo(2);
        assertThat(ImageIO.read(output.resolve("row-1.png").toFile())).isNotNull();
    }

    @Test
    void killedProcessIsRecoveredAndRestartedPayingOncePerRow() throws Exception {
        startSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(100), Duration.ZERO));
        manifestOf(5);
        // The first result's download hangs, so the kill lands after a paid call whose result is
        // recorded but not yet downloaded, with no other paid call in flight.
        sandbox.faults().slow(Endpoint.DOWNLOAD, Duration.ofSeconds(10), 1);

        killRunWhen(() -> sandbox.stats().paidCalls() >= 1, "GENERATED");

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());
        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(restarted.out()).contains("Recovered execution 1");
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsOnly("SUCCEEDED").hasSize(5);
        assertThat(sandbox.stats().paidCalls()).as("exactly one paid call per row: %s%s%s", restarted.out(),
                Files.readString(work.resolve("child.log")), Files.readString(ResultsFiles.newest(output))).isEqualTo(5);
        assertOutputsAreWhole();
    }

    @Test
    void aPaidResultInFlightAtTheJobsEndIsPublishedOnRestartEvenWhenItsPhotoIsGone() throws Exception {
        startSandbox(SandboxSettings.defaults());
        manifestOf(1);
        sandbox.faults().slow(Endpoint.DOWNLOAD, Duration.ofSeconds(10), 1);
        // The only row is in flight when the manifest is done: the kill lands after the step was
        // recorded COMPLETED, while its last calls finish.
        killRunWhen(() -> sandbox.stats().paidCalls() >= 1, "GENERATED");
        // The photo is moved away after it was paid for: the row was judged when it was paid.
        Files.move(manifest.resolveSibling("images/coffee.png"), manifest.resolveSibling("images/coffee.png.bak"));

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(ResultsFiles.latest(output)).extracting(r -> r.get("status")).containsExactly("SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
        assertOutputsAreWhole();
    }

    @Test
    void aCallCutOffBySigkillStaysInDoubtWhenItsRowIsThenRejected() throws Exception {
        startSandbox(SandboxSettings.defaults());
        manifestOf(1);
        sandbox.faults().slow(Endpoint.FEATURE, Duration.ofSeconds(30), 1);
        killRunWhen(() -> sandbox.stats().featureCalls() >= 1, "CALLING");
        Files.move(manifest.resolveSibling("images/coffee.png"), manifest.resolveSibling("images/coffee.png.bak"));

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isEqualTo(3);
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).extracting(r -> r.get("status")).containsExactly("REJECTED");
        assertThat(results).extracting(r -> r.get("in_doubt_calls")).containsExactly("1");
        assertThat(sandbox.stats().featureCalls()).isEqualTo(1);
    }

    @Test
    void paidCallCutOffBySigkillIsCalledAgainAndCountedInDoubt() throws Exception {
        startSandbox(SandboxSettings.defaults());
        manifestOf(3);
        // The first feature call hangs: the kill lands while the row is CALLING, its answer never to come.
        sandbox.faults().slow(Endpoint.FEATURE, Duration.ofSeconds(30), 1);

        killRunWhen(() -> sandbox.stats().featureCalls() >= 1, "CALLING");

        var status = backdrop.execute("status", "1");
        assertThat(status.out()).as(status.out() + status.err()).contains("In doubt:   1 paid call(s)");
        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());
        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).extracting(r -> r.get("status")).containsOnly("SUCCEEDED").hasSize(3);
        assertThat(results).extracting(r -> r.get("in_doubt_calls")).containsExactly("1", "0", "0");
        assertThat(sandbox.stats().featureCalls()).as("the lost call is made again").isEqualTo(4);
        assertThat(restarted.out()).contains("In doubt:   1 paid call(s)");
        var json = backdrop.execute("status", "1", "--json");
        assertThat(json.out()).as(json.err()).contains("\"inDoubtCalls\" : 1");
        assertThat(Files.readString(ResultsFiles.newest(output).resolveSibling("report.html")))
                .contains("<section class=\"in-doubt\">").contains("In doubt <b class=\"count\">1</b>");
        assertOutputsAreWhole();
    }

    @Test
    void stopLetsTheCallInFlightFinishAndRestartCompletes() throws Exception {
        startSandbox(SandboxSettings.defaults());
        manifestOf(10);
        Process child;
        // The feature calls wait in the sandbox until the stop is recorded: the job is running, its
        // calls in flight, however long the stop command takes to start.
        try (HeldCalls held = sandbox.faults().hold(Endpoint.FEATURE)) {
            child = backdrop.start(work.resolve("child.log"), args("run"));
            held.awaitHeld(1, Duration.ofSeconds(120));

            var stop = backdrop.execute("stop", "1");

            assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
        }
        assertThat(child.waitFor()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(Files.readString(work.resolve("child.log"))).contains("STOPPED");
        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());
        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(10);
        assertOutputsAreWhole();
    }

    @Test
    void sigtermStopsGracefullyAndRestartCompletes() throws Exception {
        startSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(400), Duration.ZERO));
        manifestOf(4);
        Process child = backdrop.start(work.resolve("child.log"), args("run"));
        awaitTrue(() -> sandbox.stats().featureCalls() >= 1, Duration.ofSeconds(60), child);

        child.destroy();
        child.waitFor();

        var status = backdrop.execute("status", "1");
        assertThat(status.out()).contains("STOPPED");
        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString());
        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(restarted.out()).doesNotContain("Recovered");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(4);
    }

    /**
     * Runs the job in a child JVM and kills it (SIGKILL) once the sandbox has seen the call and
     * one row of the ledger is in the stage.
     */
    private void killRunWhen(BooleanSupplier called, String stage) throws Exception {
        Process child = backdrop.start(work.resolve("child.log"), args("run"));
        // The child holds the database first (an H2 file is served by the process that opened it).
        // Generous: a child JVM's start on a loaded machine has taken most of a minute.
        awaitTrue(called, Duration.ofSeconds(180), child);
        awaitTrue(() -> database.count("SELECT COUNT(*) FROM BACKDROP_ROW WHERE STATUS = '" + stage + "'") == 1,
                Duration.ofSeconds(60), child);
        child.destroyForcibly().waitFor();
    }

    private void manifestOf(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("id,image,prompt,size,quality\n");
        for (int row = 1; row <= rows; row++) {
            csv.append("row-").append(row).append(",images/coffee.png,\"a table, number ").append(row)
                    .append("\",1536x1024,low\n");
        }
        manifest = Files.writeString(work.resolve("manifest.csv"), csv);
    }

    private CommandLineRun.Outcome run(String... extra) {
        return backdrop.execute(args("run", extra));
    }

    private String[] args(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--manifest", manifest.toString(), "--output",
                output.toString(), "--api-base-url", sandbox.baseUrl().toString(),
                "--backdrop.api.initial-backoff=1ms", "--backdrop.api.max-backoff=20ms",
                // One row at a time, none staged beside it, so that scripted faults meet the rows in manifest order.
                "--backdrop.job.concurrency=1", "--backdrop.job.headroom=0"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private void assertOutputsAreWhole() throws IOException {
        try (var files = Files.list(output)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(file.getFileName().toString()).endsWith(".png");
                assertThat(ImageIO.read(file.toFile())).as(file + " decodes").isNotNull();
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, Process child) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(child.isAlive()).as("the job process is still running").isTrue();
            assertThat(Instant.now()).as("waited for the job process").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
