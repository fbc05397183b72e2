package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console itself: help, the environment it reads, the standalone sandbox. */
class ConsoleTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"run", "plan", "restart", "stop", "abandon", "list", "status", "failures", "sandbox",
            "benchmark", "worker"})
    void everyCommandHasHelp(String command) {
        var help = CommandLineRun.on(TestDatabase.h2(work)).execute(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: backdrop " + command);
    }

    @Test
    void aBenchmarkTooShortForASteadyStateIsAUsageErrorSayingHowLongItMustBe() {
        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("benchmark", "--rows", "600", "--warmup-rows", "100");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        // 100 warm-up rows + 32 in flight + 500 steady rows.
        assertThat(outcome.err()).contains("--rows must be at least --warmup-rows + --concurrency + 500 (632)")
                .doesNotContain("\tat ");
    }

    @Test
    void leavingTheThreadPoolOutIsOnlyForTheS3Benchmark() {
        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("benchmark", "--no-thread-pool");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--no-thread-pool goes with --s3").doesNotContain("\tat ");
    }

    @Test
    void choosingAnS3ServerIsOnlyForTheS3Benchmark() {
        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("benchmark", "--s3-server", "s3mock");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--s3-server goes with --s3").doesNotContain("\tat ");
    }

    @Test
    void anUnknownS3ServerIsAUsageErrorNamingTheOnesThereAre() {
        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("benchmark", "--s3", "--s3-server", "minio");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--s3-server").contains("unknown S3 server 'minio': expected one of s3proxy, s3mock")
                .doesNotContain("\tat ");
    }

    @Test
    void aJarForTheS3ServerNotChosenIsAUsageErrorRatherThanIgnored() {
        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("benchmark", "--s3", "--s3mock-jar", "s3mock.jar");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--s3mock-jar goes with --s3 --s3-server s3mock").doesNotContain("\tat ");
    }

    @Test
    void anS3CatalogTooLargeForS3ProxysHeapOnThisMachineIsRefusedBeforeAnythingStarts() {
        // 100 million rows: about 10 TB in S3Proxy's heap, more than any machine this runs on.
        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("benchmark", "--s3", "--rows", "100000000");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--rows 100000000 needs about").contains("MB of heap for S3Proxy's in-memory store")
                .contains("--s3-server s3mock").doesNotContain("\tat ");
        assertThat(outcome.out()).doesNotContain("S3 nightly benchmark");
    }

    @Test
    void aMetricsPortInUseIsAUsageErrorNamingTheOptionAndThePort() throws IOException {
        Path manifest = Files.writeString(work.resolve("m.csv"), "id,image\ncup,coffee.png\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("run", "--sandbox", "--manifest",
                    manifest.toString(), "--output", work.resolve("out").toString(), "--metrics-port", Integer.toString(port));

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).contains("cannot serve metrics on 127.0.0.1:" + port + " (--metrics-port)")
                    .doesNotContain("\tat ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"})
    void aMalformedS3EndpointIsAUsageErrorNamingTheVariable(String variable) throws IOException {
        Path manifest = Files.writeString(work.resolve("m.csv"), "id,image\ncup,coffee.png\n");

        var outcome = CommandLineRun.on(TestDatabase.h2(work)).withEnvironment(Map.of(variable, "minio:9000"))
                .execute("plan", "--manifest", manifest.toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains(variable + " 'minio:9000' is not an S3 endpoint").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableDatabaseSaysWhatFailedNotUsage() {
        // Nothing listens on port 1 of the loopback: the connection is refused at once.
        TestDatabase nowhere = new TestDatabase("jdbc:postgresql://127.0.0.1:1/test?password=hunter2", "postgres", "",
                () -> { });

        var outcome = CommandLineRun.on(nowhere).execute("list");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.NOT_STARTED);
        assertThat(outcome.err()).startsWith("backdrop: cannot start: the job database "
                        + "jdbc:postgresql://127.0.0.1:1/test?password=**** cannot be used: ")
                .doesNotContain("hunter2").doesNotContain("usage").doesNotContain("Usage").doesNotContain("\tat ");
    }

    @Test
    void unknownOptionIsAUsageError() {
        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("run", "--colour", "red");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("--colour");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--concurrency=0", "--max-failure-rate=2", "--failure-window=0", "--read-timeout=soon",
            "--transfer-timeout=0s", "--connect-timeout=-1s", "--max-attempts=0"})
    void badOptionValueIsAUsageErrorNamingTheOption(String option) throws IOException {
        Path manifest = Files.writeString(work.resolve("m.csv"), "id,image\ncup,coffee.png\n");

        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("run", "--sandbox", "--manifest",
                manifest.toString(), "--output", work.resolve("out").toString(), option);

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains(option.substring(0, option.indexOf('=')))
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(outcome.out()).doesNotContain("Exception");
    }

    @Test
    void aSettingRefusedWhereverItIsWrittenNamesThePropertyAndWhereItWasSet() throws IOException {
        Path manifest = Files.writeString(work.resolve("m.csv"), "id,image\ncup,coffee.png\n");
        // A system property stands for any setting below the command line (environment, files);
        // Spring alone would take the 2 for two milliseconds.
        System.setProperty("backdrop.api.read-timeout", "2");
        try {
            var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("run", "--sandbox", "--manifest",
                    manifest.toString(), "--output", work.resolve("out").toString());

            assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).startsWith("backdrop: backdrop.api.read-timeout: expected a duration with its "
                    + "unit, e.g. 250ms, 30s, 15m, got '2' (set by ").contains("systemProperties").doesNotContain("\tat ");
        } finally {
            System.clearProperty("backdrop.api.read-timeout");
        }
    }

    @Test
    void apiAddressAndKeyComeFromTheEnvironment() throws IOException {
        try (SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey("env-key"))) {
            SamplePhotos.copyInto(work.resolve("images"), "coffee.png");
            Path manifest = Files.writeString(work.resolve("m.csv"), "id,image\ncup,images/coffee.png\n");
            var backdrop = CommandLineRun.on(TestDatabase.h2(work)).withEnvironment(
                    Map.of("ONEMIN_API_KEY", "env-key", "ONEMIN_API_BASE_URL", sandbox.baseUrl().toString()));

            var outcome = backdrop.execute("run", "--manifest", manifest.toString(), "--output",
                    work.resolve("out").toString(), "--size", "1024x1024", "--quality", "low", "--prompt", "a table");

            assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
            assertThat(sandbox.stats().paidCalls()).isEqualTo(1);
        }
    }

    @Test
    void anOptionWinsOverTheSameSettingMadeForEveryRun() throws IOException {
        SamplePhotos.copyInto(work.resolve("images"), "coffee.png");
        Path manifest = Files.writeString(work.resolve("m.csv"), "id,image\none,images/coffee.png\ntwo,images/coffee.png\n");
        // A system property stands for any setting below the command line (environment, files).
        System.setProperty("backdrop.job.max-images", "5");
        try {
            var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("run", "--sandbox", "--manifest",
                    manifest.toString(), "--output", work.resolve("out").toString(), "--size", "1024x1024",
                    "--quality", "low", "--prompt", "a table", "--force", "--concurrency", "1", "--max-images", "1");

            assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(outcome.out()).contains("budget reached: 1 paid calls");
        } finally {
            System.clearProperty("backdrop.job.max-images");
        }
    }

    @Test
    void keyFileIsReadAndAnEmptyOneIsAUsageError() throws IOException {
        Path empty = Files.writeString(work.resolve("empty.key"), "\n");
        Path manifest = Files.writeString(work.resolve("m.csv"), "id,image\ncup,coffee.png\n");

        var outcome = CommandLineRun.on(TestDatabase.h2(work)).execute("run", "--manifest", manifest.toString(),
                "--output", work.resolve("out").toString(), "--api-key-file", empty.toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("empty.key").contains("empty");
    }

    @Test
    void standaloneSandboxServesTheApiUntilStopped() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = work.resolve("sandbox.log");
        Process sandbox = CommandLineRun.on(TestDatabase.h2(work)).start(log, "sandbox", "--port", Integer.toString(port));
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.readString(log).contains("listening")) {
                assertThat(sandbox.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(100);
            }
            HttpResponse<String> unauthorised = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/features"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(unauthorised.statusCode()).isEqualTo(401);
        } finally {
            sandbox.destroy();
            assertThat(sandbox.waitFor()).isIn(0, 143);
        }
        assertThat(List.of(Files.readString(log).split("\n"))).anyMatch(line -> line.contains("127.0.0.1:" + port));
    }
}
