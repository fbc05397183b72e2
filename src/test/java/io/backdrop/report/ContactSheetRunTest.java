package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.SamplePhotos;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @BeforeEach
    void setUp() throws IOException {
        backdrop = CommandLineRun.on(TestDatabase.h2(work));
        output = work.resolve("out");
        SamplePhotos.copyInto(work.resolve("images"), "coffee.png", "chelsea.png", "rocket.jpg");
        manifest = Files.writeString(work.resolve("manifest.csv"), """
                id,image,prompt,size,quality,background,shelf
                espresso,images/coffee.png,"a marble counter, {{shelf}} light",1536x1024,,auto,warm
                bad-size,images/chelsea.png,a garden,1000x1000,low,auto,
                rocket,images/rocket.jpg,,1024x1024,medium,,
                """);
    }

    @Test
    void everyRowHasACardWithItsIdStatusRequestAndPictures() throws IOException {
        var outcome = backdrop.execute("run", "--sandbox", "--manifest", manifest.toString(), "--output",
                output.toString(), "--quality", "high", "--prompt", "a plain studio backdrop", "--progress", "none");

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(3);
        Path report = output.resolve("runs/1/report.html");
        assertThat(report).exists();
        assertThat(outcome.out()).contains("Report:     " + report);
        assertThat(outcome.out()).contains("Results:    " + output.resolve("runs/1/results.csv"));
        // The record of the rows comes first; the report, slow on a long job, after it.
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
        assertCard(cards, "1", "SUCCEEDED", "espresso", "a marble counter, warm light", "1536x1024", "high");
        assertThat(cards.group(3)).as("source and result thumbnails").containsPattern(
                "<figure class=\"before\"><img src=\"data:image/jpeg;base64,[^\"]+\"")
                .containsPattern("<figure class=\"after\"><img src=\"data:image/jpeg;base64,[^\"]+\"");
        assertThat(cards.find()).isTrue();
        assertCard(cards, "2", "REJECTED", "bad-size", "a garden", "1000x1000", "low");
        assertThat(cards.group(3)).contains("divisible by 16").contains("no result")
                .containsPattern("<figure class=\"before\"><img src=\"data:image/jpeg");
        assertThat(cards.find()).isTrue();
        assertCard(cards, "3", "SUCCEEDED", "rocket", "a plain studio backdrop", "1024x1024", "medium");
        assertThat(cards.find()).as("one card per row").isFalse();

        var status = backdrop.execute("status", "1");
        assertThat(status.out()).as("kept with the execution").contains("Report:     " + report)
                .contains("Results:    " + output.resolve("runs/1/results.csv"));
    }

    @Test
    void reusedRowsShowTheResultTheyReuse() throws IOException {
        String[] run = {"run", "--sandbox", "--manifest", manifest.toString(), "--output", output.toString(),
                "--quality", "high", "--prompt", "a plain studio backdrop", "--progress", "none"};
        backdrop.execute(run);

        var again = backdrop.execute(run);

        assertThat(again.exitCode()).as(again.err()).isEqualTo(3);
        String html = Files.readString(output.resolve("runs/2/report.html"));
        assertThat(html).contains("data-status=\"REUSED\" aria-pressed=\"false\">REUSED <b class=\"count\">2</b>");
        Matcher cards = ARTICLE.matcher(html);
        assertThat(cards.find()).isTrue();
        assertCard(cards, "1", "REUSED", "espresso", "a marble counter, warm light", "1536x1024", "high");
        assertThat(cards.group(3)).containsPattern("<figure class=\"after\"><img src=\"data:image/jpeg;base64,[^\"]+\"");
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
