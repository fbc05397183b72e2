package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.RunFolder;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core job end to end: the console, the in-process sandbox and an H2 file database. */
class RunCommandTest {

    @TempDir
    Path work;

    CommandLineRun backdrop;
    Path output;

    @BeforeEach
    void setUp() throws IOException {
        RunFolder folder = RunFolder.prepare(work, TestDatabase.h2(work), Map.of(), "coffee.png", "chelsea.png", "rocket.jpg");
        backdrop = folder.backdrop();
        output = folder.output();
    }

    @Test
    void everyRowSucceedsAndExitsZero() throws IOException {
        Path manifest = manifest("""
                id,image,prompt,size,quality,background
                espresso,images/coffee.png,"a marble counter, soft light",1536x1024,low,auto
                ,images/chelsea.png,"a grey studio, ""soft"" gradient",1024x1024,medium,
                """);

        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString(), "--quality", "high");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(dimensions(output.resolve("espresso.png"))).containsExactly(1536, 1024);
        assertThat(dimensions(output.resolve("chelsea.png"))).containsExactly(1024, 1024);
        List<Map<String, String>> results = results(output);
        assertThat(results).extracting(r -> r.get("id")).containsExactly("espresso", "chelsea");
        assertThat(results).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(results.get(0).get("output")).isEqualTo(output.resolve("espresso.png").toString());
        assertThat(results.get(0).get("remote_path")).isNotBlank();
        assertThat(results.get(0).get("ai_record_uuid")).isNotBlank();
        assertThat(outcome.out()).contains("2 succeeded").contains(output.toString());
        try (var files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no partial files are left behind").noneMatch(name -> name.contains("partial"));
        }
    }

    @Test
    void rejectedRowsCostNothingAndExitThree() throws IOException {
        Path manifest = manifest("""
                id,image,prompt,size,quality,background
                good,images/coffee.png,a wooden table,1536x1024,low,auto
                bad-size,images/chelsea.png,a garden,1000x1000,low,auto
                bad-quality,images/rocket.jpg,a beach,1024x1024,best,auto
                """);

        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        List<Map<String, String>> results = results(output);
        assertThat(results).extracting(r -> r.get("status")).containsExactly("SUCCEEDED", "REJECTED", "REJECTED");
        assertThat(results.get(1).get("error")).contains("size").contains("divisible by 16");
        assertThat(results.get(2).get("error")).contains("quality").contains("low, medium, high");
        assertThat(results.get(1).get("attempts")).isEqualTo("0");
        assertThat(Files.exists(output.resolve("bad-size.png"))).isFalse();
    }

    @Test
    void failuresListsTheRejectedAndFailedRowsWithTheirReasons() throws IOException {
        Path manifest = manifest("""
                id,image,prompt,size,quality
                good,images/coffee.png,a wooden table,1536x1024,low
                bad-size,images/chelsea.png,a garden,1000x1000,low
                """);
        backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output", output.toString());

        var text = backdrop.execute("failures", "1");
        var csv = backdrop.execute("failures", "1", "--csv");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("row 2 (line 3) bad-size REJECTED").contains("divisible by 16")
                .doesNotContain("good");
        assertThat(csv.out().lines().toList()).hasSize(2);
        assertThat(csv.out()).startsWith("row,id,image,status,output,remote_path,ai_record_uuid,attempts,in_doubt_calls,error");
    }

    @Test
    void cellsTooLongForTheOldLedgerAreRecordedAsRejectionsNotACrash() throws IOException {
        String longId = "sku-" + "x".repeat(1_100);
        String longImage = "images/" + "deep/".repeat(1_000) + "coffee.png";
        Path manifest = manifest("""
                id,image,prompt,size,quality
                %s,images/coffee.png,a wooden table,1536x1024,low
                long-image,%s,a wooden table,1536x1024,low
                good,images/coffee.png,a wooden table,1536x1024,low
                """.formatted(longId, longImage));

        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(ExitCodes.ROWS_NOT_SUCCEEDED);
        List<Map<String, String>> results = results(output);
        assertThat(results).extracting(r -> r.get("status")).containsExactly("REJECTED", "REJECTED", "SUCCEEDED");
        assertThat(results.get(0).get("id")).isEqualTo(longId);
        assertThat(results.get(0).get("error")).contains("at most 200 characters");
        assertThat(results.get(1).get("image")).isEqualTo(longImage);
    }

    @Test
    void abandonedJobCannotBeRestarted() throws IOException {
        Path manifest = manifest("""
                id,image,prompt,size,quality
                one,images/coffee.png,a wooden table,1536x1024,low
                two,images/chelsea.png,a garden,1536x1024,low
                """);
        var stopped = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString(), "--max-images", "1", "--concurrency", "1");
        assertThat(stopped.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);

        var abandoned = backdrop.execute("abandon", "1");
        var restart = backdrop.execute("restart", "1", "--sandbox");

        assertThat(abandoned.exitCode()).isZero();
        assertThat(abandoned.out()).contains("ABANDONED");
        assertThat(restart.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(restart.err()).contains("ABANDONED");
    }

    @Test
    void malformedManifestIsAUsageErrorNamingTheLine() throws IOException {
        Path manifest = manifest("""
                id,image,prompt
                a,images/coffee.png,"an unterminated prompt
                """);

        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString(), "--size", "1024x1024", "--quality", "low");

        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains("line 2").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(output).doesNotExist();
    }

    @Test
    void missingKeyAndMissingOptionsAreUsageErrors() throws IOException {
        Path manifest = manifest("id,image\na,images/coffee.png\n");

        var noKey = backdrop.execute("run", "--manifest", manifest.toString(), "--output", output.toString());
        var noManifest = backdrop.execute("run", "--sandbox", "--output", output.toString());
        var missingFile = backdrop.execute("run", "--sandbox", "--manifest", work.resolve("nope.csv").toString(),
                "--output", output.toString());

        assertThat(noKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noKey.err()).contains("ONEMIN_API_KEY").doesNotContain("\tat ");
        assertThat(noManifest.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noManifest.err()).contains("--manifest");
        assertThat(missingFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingFile.err()).contains("nope.csv").doesNotContain("\tat ");
    }

    @Test
    void listAndStatusShowTheExecution() throws IOException {
        Path manifest = manifest("id,image,prompt,size,quality\na,images/coffee.png,a table,1536x1024,low\n");
        backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output", output.toString());

        var list = backdrop.execute("list", "--json");
        var status = backdrop.execute("status", "1");
        var statusJson = backdrop.execute("status", "1", "--json");

        assertThat(statusJson.out()).as(statusJson.err()).contains("\"inDoubtCalls\" : 0");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("\"executionId\" : 1").contains("\"status\" : \"COMPLETED\"")
                .contains("\"manifest\"").contains("\"output\"").contains("\"SUCCEEDED\" : 1");
        assertThat(status.out()).contains("COMPLETED").contains("1 succeeded");
    }

    private Path manifest(String content) throws IOException {
        return Files.writeString(work.resolve("manifest.csv"), content);
    }

    private static int[] dimensions(Path image) throws IOException {
        BufferedImage read = ImageIO.read(image.toFile());
        return new int[] {read.getWidth(), read.getHeight()};
    }

    private static List<Map<String, String>> results(Path output) throws IOException {
        return ResultsFiles.latest(output);
    }
}
