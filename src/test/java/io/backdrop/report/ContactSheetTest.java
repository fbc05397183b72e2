package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {

    private static final LocalDateTime START = LocalDateTime.of(2025, 3, 14, 9, 26, 53);

    @TempDir
    Path dir;

    private final ContactSheet sheet = new ContactSheet();
    private final Thumbnails thumbnails = new Thumbnails(240, 100_000_000L);

    @Test
    void theSummaryShowsTheExecution() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("REJECTED", 1L);
        counts.put("SUCCEEDED", 3L);
        counts.put("FAILED", 0L);
        ReportSummary summary = new ReportSummary(42, "COMPLETED", "/data/spring <sale>.csv", "s3://bucket/out",
                counts, START, START.plusHours(1).plusMinutes(2).plusSeconds(3));

        String html = render(page(summary, List.of(), 0, List.of()));

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<title>Backdrop execution 42 \u00b7 COMPLETED</title>")
                .contains("<code>/data/spring &lt;sale&gt;.csv</code>")
                .contains("<code>s3://bucket/out</code>")
                .contains("<time datetime=\"2025-03-14T09:26:53\">2025-03-14 09:26:53</time>")
                .contains("<time datetime=\"2025-03-14T10:28:56\">2025-03-14 10:28:56</time>")
                .contains("1:02:03")
                .contains("All <b class=\"count\">4</b>")
                .endsWith("</html>\n");
        // The usual statuses first, whatever the map's order; a status with no rows is dimmed.
        assertThat(buttons(html)).containsExactly("", "SUCCEEDED", "FAILED", "REJECTED");
        assertThat(html).contains("data-status=\"FAILED\" aria-pressed=\"false\" class=\"empty\">FAILED");
    }

    @Test
    void anExecutionStillRunningHasNoEnd() throws IOException {
        String html = render(page(new ReportSummary(7, "STARTED", "m.csv", "out", Map.of(), START, null), List.of(), 0,
                List.of()));

        assertThat(html).contains("<dt>Ended</dt><dd>\u2014</dd>").doesNotContain("Duration");
    }

    @Test
    void everyTextIsEscapedSoThatAPromptCannotBecomeMarkup() throws IOException {
        ReportRow row = new ReportRow(1, "a\"b'<i>", "<img src=x>.png", "FAILED\"><script>x()</script>",
                "<script>alert(\"owned\" & 'more')</script>", "1024x1024", "<b>high</b>", "auto",
                "bad <tag> & \"quote\"", 0);

        String html = render(page(summary(), List.of(row), 1, List.of()));

        assertThat(html).contains("&lt;script&gt;alert(&quot;owned&quot; &amp; &#39;more&#39;)&lt;/script&gt;")
                .contains("<span class=\"id\">a&quot;b&#39;&lt;i&gt;</span>")
                .contains("<code>&lt;img src=x&gt;.png</code>")
                .contains("data-status=\"FAILED&quot;&gt;&lt;script&gt;x()&lt;/script&gt;\"")
                .contains("&lt;b&gt;high&lt;/b&gt;")
                .contains("<p class=\"error\">bad &lt;tag&gt; &amp; &quot;quote&quot;</p>")
                .doesNotContain("<script>alert").doesNotContain("<i>").doesNotContain("<b>high")
                .doesNotContain("<img src=x");
        // The page's own script is the only one.
        assertThat(html.split("<script>", -1)).hasSize(2);
    }

    @Test
    void aSampledRowShowsBeforeAndAfterWithItsDetails() throws IOException {
        Path coffee = ReportImages.sample("coffee.png", dir);
        Path bomb = ReportImages.bomb(dir.resolve("bomb.png"), 100_000, 100_000, 1024);
        ReportRow espresso = succeeded(1, "espresso").withPictures(preview(coffee), preview(coffee));
        ReportRow huge = succeeded(2, "huge").withPictures(preview(bomb), Preview.placeholder("no preview: gone"));

        String html = render(new ReportPage(summary(), List.of(), 0, List.of(), 0, List.of(espresso, huge), List.of(),
                2, List.of()));

        String first = card(html, 1);
        assertThat(first).contains("data-status=\"SUCCEEDED\"")
                .contains("<span class=\"id\">espresso</span>")
                .contains("<span class=\"size\">1536x1024</span> <span class=\"quality\">medium</span> "
                        + "<span class=\"background\">opaque</span>")
                .contains("<p class=\"prompt\">a marble counter</p>")
                .contains("alt=\"source of espresso\"").contains("alt=\"result of espresso\"")
                .contains("width=\"240\" height=\"160\"")
                .doesNotContain("class=\"error\"");
        assertThat(first.split("src=\"data:image/jpeg;base64,", -1)).hasSize(3);
        assertThat(card(html, 2)).contains("<div class=\"placeholder\">too large to preview (100000\u00d7100000)</div>"
                        + "<figcaption>before</figcaption>")
                .contains("<div class=\"placeholder\">no preview: gone</div><figcaption>after</figcaption>")
                .doesNotContain("<img");
        assertThat(html).contains("Succeeded <b class=\"count\">2</b>").contains("All of them.");
    }

    @Test
    void failedAndRejectedRowsComeFirstWithTheirErrorAndAPointerToTheRestWhenCapped() throws IOException {
        List<ReportRow> problems = List.of(
                new ReportRow(3, "cat", "images/cat.png", "FAILED", "a studio", "1024x1024", "low", "auto",
                        "aiRecord status FAILED: content policy", 0),
                new ReportRow(9, "bad-size", "images/b.png", "REJECTED", "a garden", "1000x1000", "low", "auto",
                        "size: 1000 is not divisible by 16", 0));

        String html = render(page(summary(), problems, 1_302, List.of(succeeded(1, "espresso"))));

        assertThat(html.indexOf("<section class=\"problems\">")).isLessThan(html.indexOf("<section class=\"sample\">"));
        assertThat(html).contains("Failed and rejected <b class=\"count\">1302</b>")
                .contains("The first 2 in row order; 1300 more are in results.csv and in "
                        + "<code>backdrop failures 1 --csv</code>.");
        assertThat(card(html, 3)).contains("<p class=\"image\"><code>images/cat.png</code></p>")
                .contains("<p class=\"error\">aiRecord status FAILED: content policy</p>")
                .as("no pictures for a row that needs reading, not looking").doesNotContain("<figure");
        assertThat(html).doesNotContain("class=\"in-doubt\"");
    }

    @Test
    void rowsInDoubtHaveASectionOfTheirOwnWithTheirCount() throws IOException {
        ReportRow doubtful = new ReportRow(5, "lost", "images/l.png", "SUCCEEDED", "p", "1024x1024", "low", "auto",
                null, 2);

        String html = render(new ReportPage(summary(), List.of(), 0, List.of(doubtful), 1, List.of(), List.of(), 1,
                List.of()));

        assertThat(html).contains("<section class=\"in-doubt\">").contains("In doubt <b class=\"count\">1</b>")
                .contains("<p class=\"doubt\">2 paid calls in doubt: the answer was lost, the charge may have been made</p>");
    }

    @Test
    void thisExecutionsRowsComeBeforeEarlierOnesInTheSample() throws IOException {
        String html = render(new ReportPage(summary(), List.of(), 0, List.of(), 0, List.of(succeeded(40, "now")),
                List.of(succeeded(2, "before")), 900, List.of()));

        assertThat(html).contains("A sample of 2, spread over the catalog, finished in this execution first.")
                .contains("<h3>In this execution</h3>");
        assertThat(html.indexOf("id=\"row-40\"")).isLessThan(html.indexOf("id=\"row-2\""));
    }

    @Test
    void aHugePromptOrErrorIsShownCapped() throws IOException {
        ReportRow row = new ReportRow(1, "big", "big.png", "REJECTED", "p".repeat(5_000_000), "1024x1024", "low", "auto",
                "e".repeat(1_000_000), 0);

        String html = render(new ReportPage(summary(), List.of(), 0, List.of(), 0, List.of(row), List.of(), 1, List.of()));

        assertThat(html.length()).isLessThan(100_000);
        assertThat(html).contains("p".repeat(4_000) + "... (4996000 more characters)")
                .contains("e".repeat(4_000) + "... (996000 more characters)");
    }

    @Test
    void thePageLoadsNothingFromOutsideAndLinksOnlyToItsOwnPages() throws IOException {
        Path coffee = ReportImages.sample("coffee.png", dir);
        ReportRow row = succeeded(1, "espresso").withPictures(preview(coffee), preview(coffee));

        String html = render(new ReportPage(summary(), List.of(), 0, List.of(), 0, List.of(row), List.of(), 5_000,
                List.of("report-2.html", "report-3.html")));

        Matcher sources = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        List<String> links = new ArrayList<>();
        while (sources.find()) {
            links.add(sources.group(1));
        }
        assertThat(links).isNotEmpty().allMatch(link -> link.startsWith("data:image/jpeg;base64,")
                || link.matches("report-\\d+\\.html"));
        assertThat(links).contains("report-2.html", "report-3.html");
        assertThat(html).contains("content=\"default-src 'none'; img-src data:;");
    }

    @Test
    void aListingPageHoldsItsRowsAndLinksToTheOthers() throws IOException {
        StringWriter out = new StringWriter();

        sheet.writeListing(summary(), 3, 4, List.of(succeeded(2001, "a"), succeeded(2002, "b")), out);

        String html = out.toString();
        assertThat(html).contains("Page 3 of 4: every row of the job, in row order, rows 2001 to 2002.")
                .contains("<a href=\"report.html\">summary</a> <a href=\"report-2.html\">2</a> "
                        + "<b aria-current=\"page\">3</b> <a href=\"report-4.html\">4</a>")
                .contains("id=\"row-2001\"").contains("id=\"row-2002\"").endsWith("</html>\n");
    }

    @Test
    void thePagesSizeDoesNotGrowWithTheJobsRows() throws IOException {
        int small = render(selected(10_000)).length();
        int large = render(selected(100_000)).length();

        // The same number of cards on both; only the counts' digits differ.
        assertThat(large).isLessThan(small + 200);
        assertThat(large).isLessThan(1_000_000);
    }

    @Test
    void aWriterThatFailsFailsTheWrite() {
        Writer broken = new Writer() {
            int writes;

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                if (++writes > 1) {
                    throw new IOException("disk full");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> sheet.write(page(summary(), List.of(), 0, List.of(succeeded(1, "one"))), broken))
                .isInstanceOf(IOException.class).hasMessage("disk full");
    }

    /** A job of {@code rows} rows, one in ten failed with a long error, offered as the ledger hands them out. */
    private static ReportPage selected(int rows) {
        PageSelection selection = new PageSelection(200, 48, Set.of());
        for (int row = 1; row <= rows; row++) {
            selection.offer(row % 10 == 0
                    ? new ReportRow(row, "id-" + row, "images/" + row + ".png", "FAILED", "p".repeat(300),
                    "1024x1024", "low", "auto", "e".repeat(500), 0)
                    : succeeded(row, "id-" + row), true);
        }
        return selection.page(summary(), selection.sampleNow(), selection.sampleEarlier(), List.of());
    }

    private Preview preview(Path image) {
        return thumbnails.preview(() -> Files.newInputStream(image));
    }

    private static ReportRow succeeded(int row, String id) {
        return new ReportRow(row, id, "images/" + id + ".png", "SUCCEEDED", "a marble counter", "1536x1024", "medium",
                "opaque", null, 0);
    }

    private static ReportPage page(ReportSummary summary, List<ReportRow> problems, long problemsTotal,
                                   List<ReportRow> sample) {
        return new ReportPage(summary, problems, problemsTotal, List.of(), 0, sample, List.of(), sample.size(),
                List.of());
    }

    static ReportSummary summary() {
        return new ReportSummary(1, "COMPLETED", "manifest.csv", "out", Map.of("SUCCEEDED", 1L), START, START);
    }

    private String render(ReportPage page) throws IOException {
        StringWriter out = new StringWriter();
        sheet.write(page, out);
        return out.toString();
    }

    private static List<String> buttons(String html) {
        Matcher matcher = Pattern.compile("<button type=\"button\" data-status=\"([^\"]*)\"").matcher(html);
        List<String> statuses = new ArrayList<>();
        while (matcher.find()) {
            statuses.add(matcher.group(1));
        }
        return statuses;
    }

    private static String card(String html, int row) {
        int start = html.indexOf("<article class=\"row\" id=\"row-" + row + "\"");
        assertThat(start).as("card of row %d", row).isNotNegative();
        return html.substring(start, html.indexOf("</article>", start));
    }
}
