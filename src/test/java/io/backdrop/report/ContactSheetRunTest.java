package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.sandbox.SandboxServer;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.RunFolder;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html as a real run publishes it: the console, the in-process sandbox and an H2 file database. */
class ContactSheetRunTest {

    private static final Pattern ARTICLE = Pattern.compile(
            "<article class=\"row\" id=\"row-(\\d+)\" data-status=\"(\\w+)\">(.*?)</article>", Pattern.DOTALL);

    @TempDir
    Path work;

    CommandLineRun backdrop;
    Path output;
    Path manifest;
    Path scratch;

    @BeforeEach
    void setUp() throws IOException {
        RunFolder folder = RunFolder.prepare(work, TestDatabase.h2(work), Map.of(), "coffee.png", "chelsea.png", "rocket.jpg");
        backdrop = folder.backdrop();
        output = folder.output();
        scratch = Files.createDirectories(work.resolve("scratch"));
        manifest = Files.writeString(work.resolve("manifest.csv"), """
                id,image,prompt,size,quality,background,shelf
                espresso,images/coffee.png,"a marble counter, {{shelf}} light",1536x1024,,auto,warm
                bad-size,images/chelsea.png,a garden,1000x1000,low,auto,
                rocket,images/rocket.jpg,,1024x1024,medium,,
                """);
    }

    @Test
    void theRejectedRowComesFirstThenTheSucceededWithTheWorkersThumbnailsAndWhatTheLedgerRecorded() throws IOException {
        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString(), "--quality", "high", "--prompt", "a plain studio backdrop", "--progress", "none",
                "--backdrop.job.work-directory=" + scratch);

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(3);
        Path report = output.resolve("runs/1/report.html");
        assertThat(report).exists();
        assertThat(outcome.out()).contains("Report:     " + report);
        assertThat(outcome.out()).contains("Results:    " + output.resolve("runs/1/results.csv"));
        // The record of the rows comes first; the report after it.
        assertThat(Files.getLastModifiedTime(output.resolve("runs/1/results.csv")))
                .isLessThanOrEqualTo(Files.getLastModifiedTime(report));

        String html = Files.readString(report);
        assertThat(html).contains("<span class=\"badge\" data-status=\"COMPLETED\">")
                .contains("data-status=\"SUCCEEDED\" aria-pressed=\"false\">SUCCEEDED <b class=\"count\">2</b>")
                .contains("data-status=\"REJECTED\" aria-pressed=\"false\">REJECTED <b class=\"count\">1</b>")
                .contains("data-status=\"FAILED\" aria-pressed=\"false\" class=\"empty\">FAILED")
                .as("no filter for what did not happen").doesNotContain("data-status=\"REUSED\"");
        Matcher cards = ARTICLE.matcher(html);
        assertThat(cards.find()).isTrue();
        assertCard(cards, "2", "REJECTED", "bad-size", "a garden", "1000x1000", "low");
        assertThat(cards.group(3)).contains("divisible by 16").contains("<code>images/chelsea.png</code>")
                .doesNotContain("<figure");
        assertThat(cards.find()).isTrue();
        assertCard(cards, "1", "SUCCEEDED", "espresso", "a marble counter, warm light", "1536x1024", "high");
        assertThat(cards.group(3)).as("source and result thumbnails").containsPattern(
                "<figure class=\"before\"><img src=\"data:image/jpeg;base64,[^\"]+\"")
                .containsPattern("<figure class=\"after\"><img src=\"data:image/jpeg;base64,[^\"]+\"");
        assertThat(cards.find()).isTrue();
        assertCard(cards, "3", "SUCCEEDED", "rocket", "a plain studio backdrop", "1024x1024", "medium");
        assertThat(cards.group(3)).contains("<img src=\"data:image/jpeg;base64,");
        assertThat(cards.find()).as("one card per row of this small job").isFalse();
        assertThat(scratch).as("the thumbnails of a completed job are not kept").isEmptyDirectory();

        var status = backdrop.execute("status", "1");
        assertThat(status.out()).as("kept with the execution").contains("Report:     " + report)
                .contains("Results:    " + output.resolve("runs/1/results.csv"));
    }

    @Test
    void theReportOfARestartShowsItsOwnRowsFirstAndAnEarlierExecutionsWithTheirPictures() throws IOException {
        // One API server for both executions: the restart uses the upload the stopped one made.
        try (SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults().withApiKey("report-test-key"))) {
            CommandLineRun keyed = backdrop.withEnvironment(Map.of("ONEMIN_API_KEY", "report-test-key"));
            var first = keyed.execute("run", "--api-base-url", sandbox.baseUrl().toString(), "--manifest",
                    manifest.toString(), "--output", output.toString(), "--quality", "high", "--prompt",
                    "a plain studio backdrop", "--progress", "none", "--max-images", "1", "--concurrency", "1",
                    // No row staged beside the one calling: the first row is the one paid for.
                    "--backdrop.job.headroom=0", "--backdrop.job.work-directory=" + scratch);
            assertThat(first.out()).contains("STOPPED");
            assertThat(scratch).as("kept for the restart's report").isNotEmptyDirectory();

            var restart = keyed.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                    "--progress", "none", "--backdrop.job.work-directory=" + scratch);
            assertThat(restart.exitCode()).as(restart.out() + restart.err()).isEqualTo(3);
        }

        String html = Files.readString(output.resolve("runs/2/report.html"));
        assertThat(html).contains("<h3>In this execution</h3>").contains("<h3>In earlier executions, or reused</h3>");
        assertThat(html.indexOf("id=\"row-3\"")).as("this execution's row first")
                .isLessThan(html.indexOf("id=\"row-1\""));
        Matcher cards = ARTICLE.matcher(html);
        while (cards.find()) {
            if (!cards.group(2).equals("REJECTED")) {
                assertThat(cards.group(3)).as("row %s has both pictures", cards.group(1))
                        .containsPattern("<figure class=\"before\"><img src=\"data:image/jpeg")
                        .containsPattern("<figure class=\"after\"><img src=\"data:image/jpeg");
            }
        }
        assertThat(scratch).as("the instance is complete: its thumbnails are gone").isEmptyDirectory();
    }

    @Test
    void reusedRowsShowWhatTheyAskedFor() throws IOException {
        String[] run = {"run", "--sandbox", "--manifest", manifest.toString(), "--output", output.toString(),
                "--quality", "high", "--prompt", "a plain studio backdrop", "--progress", "none"};
        backdrop.execute(run);

        var again = backdrop.execute(run);

        assertThat(again.exitCode()).as(again.err()).isEqualTo(3);
        String html = Files.readString(output.resolve("runs/2/report.html"));
        assertThat(html).contains("data-status=\"REUSED\" aria-pressed=\"false\">REUSED <b class=\"count\">2</b>");
        Matcher cards = ARTICLE.matcher(html);
        assertThat(cards.find()).isTrue();
        assertCard(cards, "2", "REJECTED", "bad-size", "a garden", "1000x1000", "low");
        assertThat(cards.find()).isTrue();
        assertCard(cards, "1", "REUSED", "espresso", "a marble counter, warm light", "1536x1024", "high");
    }

    @Test
    void everyRowCanBeListedOnPagesBesideTheReport() throws IOException {
        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString(), "--quality", "high", "--prompt", "a plain studio backdrop", "--progress", "none",
                "--backdrop.report.page-rows=2");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(3);
        String first = Files.readString(output.resolve("runs/1/report.html"));
        assertThat(first).contains("<a href=\"report-2.html\">2</a> <a href=\"report-3.html\">3</a>");
        String second = Files.readString(output.resolve("runs/1/report-2.html"));
        assertThat(second).contains("Page 2 of 3").contains("id=\"row-1\"").contains("id=\"row-2\"")
                .doesNotContain("id=\"row-3\"");
        assertThat(Files.readString(output.resolve("runs/1/report-3.html"))).contains("id=\"row-3\"");
        assertThat(output.resolve("runs/1/report-4.html")).doesNotExist();
    }

    @Test
    void theContactSheetCanBeTurnedOff() throws IOException {
        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString(), "--quality", "high", "--backdrop.report.contact-sheet=false");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(3);
        assertThat(output.resolve("runs/1/results.csv")).exists();
        assertThat(output.resolve("runs/1/report.html")).doesNotExist();
        assertThat(outcome.out()).doesNotContain("Report:");
    }

    @Test
    void theThumbnailsAreSpreadFromTheStartOverTheRowsTheRunHasToWork() throws IOException {
        StringBuilder rows = new StringBuilder("id,image,prompt\n");
        List<String> photos = List.of("images/coffee.png", "images/chelsea.png", "images/rocket.jpg");
        for (int row = 1; row <= 40; row++) {
            rows.append("r").append(row).append(',').append(photos.get(row % photos.size())).append(",a shelf\n");
        }
        Path catalog = Files.writeString(work.resolve("catalog.csv"), rows);

        // One row at a time, so rows succeed in manifest order; --force, so none is REUSED (those have no thumbnails).
        var outcome = backdrop.execute("run", "--sandbox", "--manifest", catalog.toString(), "--output",
                output.toString(), "--size", "1024x1024", "--quality", "low", "--force", "--concurrency", "1",
                "--backdrop.job.headroom=0", "--progress", "log", "--backdrop.report.sample=2",
                "--backdrop.job.work-directory=" + scratch);

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        List<Integer> pictured = new ArrayList<>();
        Matcher cards = ARTICLE.matcher(Files.readString(output.resolve("runs/1/report.html")));
        while (cards.find()) {
            if (cards.group(3).contains("<figure class=\"before\"><img")) {
                pictured.add(Integer.parseInt(cards.group(1)));
            }
        }
        // Thumbnails for four rows (twice the page's two), one every 10 of the 40 rows from the
        // first (1, 11, 21, 31); the page shows the first and the last of them. A sample that
        // learnt the run's length as it went would have settled on every 16th row (1, 17, 33).
        assertThat(pictured).containsExactly(1, 31);
    }

    private static void assertCard(Matcher card, String row, String status, String id, String prompt, String size,
                                   String quality) {
        assertThat(card.group(1)).isEqualTo(row);
        assertThat(card.group(2)).isEqualTo(status);
        assertThat(card.group(3))
                .contains("<span class=\"id\">" + id + "</span>")
                .contains("<span class=\"badge\" data-status=\"" + status + "\">" + status + "</span>")
                .contains("<p class=\"prompt\">" + prompt + "</p>")
                .contains("<span class=\"size\">" + size + "</span>")
                .contains("<span class=\"quality\">" + quality + "</span>");
    }
}
