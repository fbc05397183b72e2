package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.RunFolder;
import io.backdrop.support.MisbehavingServer;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console given what a hostile user, manifest or server gives it: each case is a clear
 * error (exit 2 for usage) or a rejected row naming the field and the rule, never a stack trace,
 * a leaked key, a formula in a CSV or an escape sequence on the terminal.
 */
class HostileInputTest {

    private static final String SECRET_START = "sk-hostile-first-half-9c1e";
    private static final String SECRET_END = "second-half-4b7d";

    @TempDir
    Path work;

    CommandLineRun backdrop;
    Path output;

    @BeforeEach
    void setUp() throws IOException {
        RunFolder folder = RunFolder.prepare(work, TestDatabase.h2(work), Map.of(), "coffee.png");
        backdrop = folder.backdrop();
        output = folder.output();
    }

    @Test
    void aKeyWithALineBreakIsAUsageErrorThatNeverShowsTheKey() throws IOException {
        Path manifest = manifest("id,image,prompt,size,quality\na,images/coffee.png,a shelf,1024x1024,low\n");

        var outcome = backdrop.withEnvironment(Map.of("ONEMIN_API_KEY", SECRET_START + "\n" + SECRET_END))
                .execute("run", "--manifest", manifest.toString(), "--output", output.toString());

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("ONEMIN_API_KEY").contains("line break")
                .doesNotContain(SECRET_START).doesNotContain(SECRET_END).doesNotContain("\tat ");
        assertThat(outcome.out()).doesNotContain(SECRET_START).doesNotContain(SECRET_END);
    }

    @Test
    void keyFileProblemsNameTheFileAndTheReason() throws IOException {
        Path manifest = manifest("id,image\na,images/coffee.png\n");
        Path missing = work.resolve("no-such-key");

        var noFile = backdrop.execute("run", "--api-key-file", missing.toString(), "--manifest", manifest.toString(),
                "--output", output.toString());
        var folder = backdrop.execute("run", "--api-key-file", work.toString(), "--manifest", manifest.toString(),
                "--output", output.toString());

        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains(missing.toString()).contains("no such file");
        assertThat(folder.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(folder.err()).contains(work.toString()).contains("is a directory");
    }

    @Test
    void aBadApiAddressOrConcurrencyIsAUsageErrorBeforeAnyCall() throws IOException {
        Path manifest = manifest("id,image,prompt,size,quality\na,images/coffee.png,a shelf,1024x1024,low\n");
        Map<String, String> key = Map.of("ONEMIN_API_KEY", "sk-valid-form-123");

        for (String url : List.of("ftp://api.example/", "", "not a url", "http://")) {
            var outcome = backdrop.withEnvironment(key).execute("run", "--api-base-url", url,
                    "--manifest", manifest.toString(), "--output", output.toString());
            assertThat(outcome.exitCode()).as(url + ": " + outcome.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).as(url).contains("--api-base-url").contains("http:// or https://")
                    .doesNotContain("\tat ");
        }
        var crowd = backdrop.execute("run", "--sandbox", "--concurrency", "100000", "--manifest", manifest.toString(),
                "--output", output.toString());
        assertThat(crowd.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(crowd.err()).contains("--concurrency").contains("from 1 to 256").contains("100000");
    }

    @Test
    void hostileCellsAreRejectedNeutralisedInCsvAndEscapedOnTheTerminal() throws IOException {
        Path manifest = manifest("id,image,prompt,size,quality\n"
                + "=HYPERLINK(\"http://evil.example\"),images/missing.png,a shelf,1024x1024,low\n"
                + "@SUM(1+1),images/coffee.png,\"a shelf\u0000 with a NUL\",1024x1024,low\n"
                + "\"esc\u001b[2J\u001b]0;pwned\u0007end\",images/coffee.png,a shelf,1024x1024,low\n"
                + "invoice\u202Egnp.exe,images/coffee.png,a shelf,1024x1024,low\n"
                + "zero\u200Bwidth,images/coffee.png,a shelf,1024x1024,low\n");

        var run = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).extracting(r -> r.get("status")).containsOnly("REJECTED");
        assertThat(results.get(0).get("id")).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(results.get(1).get("id")).isEqualTo("'@SUM(1+1)");
        assertThat(results.get(1).get("error")).contains("prompt").contains("control characters (U+0000 at character 8)");
        assertThat(results.get(2).get("error")).contains("id").contains("must not contain control characters");
        assertThat(results.get(3).get("error")).contains("id").contains("bidirectional formatting characters (U+202E");
        assertThat(results.get(4).get("error")).contains("id").contains("(U+200B at character 5)");

        String execution = executionId(run.out());
        var listed = backdrop.execute("failures", execution);
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).doesNotContain("\u001b").doesNotContain("\u202E").doesNotContain("\u0007")
                .doesNotContain("\u0000").contains("esc\\u001b[2J\\u001b]0;pwned\\u0007end").contains("invoice\\u202egnp.exe");
        var csv = backdrop.execute("failures", execution, "--csv");
        assertThat(csv.out()).contains("\"'=HYPERLINK(").contains(",'@SUM(1+1),").doesNotContain(",=").doesNotContain(",\"=")
                .doesNotContain(",@").doesNotContain("\u001b").doesNotContain("\u202E").contains("esc\\u001b[2J");
    }

    @Test
    void anUnknownExecutionIsNamedAsSuch() {
        // restart first: its settings are read from a database no command has created tables in yet.
        for (String command : List.of("restart", "status", "failures", "stop", "abandon")) {
            var outcome = command.equals("restart") ? backdrop.execute(command, "999", "--sandbox")
                    : backdrop.execute(command, "999");
            assertThat(outcome.exitCode()).as(command + ": " + outcome.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(outcome.err()).as(command).contains("no execution 999").doesNotContain("Incorrect result size");
        }
    }

    @Test
    void aFolderADeviceOrAFifoAsImageSaysWhatItIs() throws Exception {
        Path fifo = work.resolve("pipe.png");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.createDirectories(work.resolve("folder.png"));
        Path manifest = manifest("id,image,prompt,size,quality\n"
                + "folder,folder.png,a shelf,1024x1024,low\n"
                + "zero,/dev/zero,a shelf,1024x1024,low\n"
                + "pipe,pipe.png,a shelf,1024x1024,low\n");

        var run = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results.get(0).get("error")).contains("is a directory").doesNotContain("does not exist");
        assertThat(results.get(1).get("error")).contains("not a regular file").doesNotContain("does not exist");
        assertThat(results.get(2).get("error")).contains("not a regular file").doesNotContain("does not exist");
    }

    @Test
    void aHugeHeaderIsNotEchoedWhole() throws IOException {
        String column = "x".repeat(1_000_000);
        Path manifest = manifest("id," + column + "\na,b\n");

        var outcome = backdrop.execute("plan", "--manifest", manifest.toString());

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("no 'image' column").contains("more characters");
        assertThat(outcome.err().length()).isLessThan(5_000);
    }

    @Test
    void anHttpSourceOnThisMachineIsRefusedUnlessAllowed() throws IOException {
        try (MisbehavingServer server = new MisbehavingServer()) {
            Path manifest = manifest("id,image,prompt,size,quality\nremote," + server.uri("/image.png")
                    + ",a shelf,1024x1024,low\n");

            var refused = backdrop.execute("plan", "--manifest", manifest.toString());
            assertThat(refused.out()).contains("refused");
            assertThat(server.requests()).isEmpty();

            var allowed = backdrop.execute("plan", "--allow-source-host", "127.0.0.1", "--manifest", manifest.toString());
            assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
            assertThat(server.requests()).isNotEmpty();

            var badHost = backdrop.execute("plan", "--allow-source-host", "http://127.0.0.1:80", "--manifest", manifest.toString());
            assertThat(badHost.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(badHost.err()).contains("--allow-source-host").contains("without scheme");
        }
    }

    private Path manifest(String csv) throws IOException {
        Path manifest = work.resolve("manifest.csv");
        Files.writeString(manifest, csv, StandardCharsets.UTF_8);
        return manifest;
    }

    private static String executionId(String out) {
        Matcher matcher = Pattern.compile("Execution (\\d+)").matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return matcher.group(1);
    }
}
