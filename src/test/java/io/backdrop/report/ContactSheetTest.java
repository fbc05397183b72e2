package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.storage.LocalSourceStore;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {

    private static final LocalDateTime START = LocalDateTime.of(2025, 3, 14, 9, 26, 53);

    @TempDir
    Path dir;

    private final ContactSheet sheet = new ContactSheet(
            new Thumbnails(new Sources(List.of(new LocalSourceStore())), 240, 100_000_000L));

    @Test
    void theSummaryShowsTheExecution() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("REJECTED", 1L);
        counts.put("SUCCEEDED", 3L);
        counts.put("FAILED", 0L);
        ReportSummary summary = new ReportSummary(42, "COMPLETED", "/data/spring <sale>.csv", "s3://bucket/out",
                counts, START, START.plusHours(1).plusMinutes(2).plusSeconds(3));

        String html = render(summary, List.of());

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<title>Backdrop execution 42 \u00b7 COMPLETED</title>")
                .contains("<code>/data/spring &lt;sale&gt;.csv</code>")
                .contains("<code>s3://bucket/out</code>")
                .contains("<time datetime=\"2025-03-14T09:26:53\">2025-03-14 09:26:53</time>")
                .contains("<time datetime=\"2025-03-14T10:28:56\">2025-03-14 10:28:56</time>")
                .contains("1h 02m 03s")
                .contains("All <b class=\"count\">4</b>")
                .endsWith("</html>\n");
        // The usual statuses first, whatever the map's order; a status with no rows is dimmed.
        assertThat(buttons(html)).containsExactly("", "SUCCEEDED", "FAILED", "REJECTED");
        assertThat(html).contains("data-status=\"FAILED\" aria-pressed=\"false\" class=\"empty\">FAILED");
    }

    @Test
    void anExecutionStillRunningHasNoEnd() throws IOException {
        String html = render(new ReportSummary(7, "STARTED", "m.csv", "out", Map.of(), START, null), List.of());

        assertThat(html).contains("<dt>Ended</dt><dd>\u2014</dd>").doesNotContain("Duration");
    }

    @Test
    void everyTextIsEscapedSoThatAPromptCannotBecomeMarkup() throws IOException {
        ReportRow row = new ReportRow(1, "a\"b'<i>", "FAILED\"><script>x()</script>",
                "<script>alert(\"owned\" & 'more')</script>", "1024x1024", "<b>high</b>", "bad <tag> & \"quote\"",
                null, null);

        String html = render(summary(), List.of(row));

        assertThat(html).contains("&lt;script&gt;alert(&quot;owned&quot; &amp; &#39;more&#39;)&lt;/script&gt;")
                .contains("<span class=\"id\">a&quot;b&#39;&lt;i&gt;</span>")
                .contains("data-status=\"FAILED&quot;&gt;&lt;script&gt;x()&lt;/script&gt;\"")
                .contains("&lt;b&gt;high&lt;/b&gt;")
                .contains("<p class=\"error\">bad &lt;tag&gt; &amp; &quot;quote&quot;</p>")
                .doesNotContain("<script>alert").doesNotContain("<i>").doesNotContain("<b>high");
        // The page's own script is the only one.
        assertThat(html.split("<script>", -1)).hasSize(2);
    }

    @Test
    void eachRowShowsBeforeAndAfterWithItsDetails() throws IOException {
        Path coffee = ReportImages.sample("coffee.png", dir);
        Path bomb = ReportImages.bomb(dir.resolve("bomb.png"), 100_000, 100_000, 1024);
        List<ReportRow> rows = List.of(
                new ReportRow(1, "espresso", "SUCCEEDED", "a marble counter", "1536x1024", "medium", null,
                        coffee.toUri(), coffee.toUri()),
                new ReportRow(2, "huge", "FAILED", "anything", "1024x1024", "low", "timed out", bomb.toUri(), null));

        String html = render(summary(), rows);

        String first = card(html, 1);
        assertThat(first).contains("data-status=\"SUCCEEDED\"")
                .contains("<span class=\"id\">espresso</span>")
                .contains("<span class=\"size\">1536x1024</span> <span class=\"quality\">medium</span>")
                .contains("<p class=\"prompt\">a marble counter</p>")
                .contains("alt=\"source of espresso\"").contains("alt=\"result of espresso\"")
                .contains("width=\"240\" height=\"160\"")
                .doesNotContain("class=\"error\"");
        assertThat(first.split("src=\"data:image/jpeg;base64,", -1)).hasSize(3);
        String second = card(html, 2);
        assertThat(second).contains("<div class=\"placeholder\">too large to preview (100000\u00d7100000)</div>"
                        + "<figcaption>before</figcaption>")
                .contains("<div class=\"placeholder\">no result</div><figcaption>after</figcaption>")
                .contains("<p class=\"error\">timed out</p>")
                .doesNotContain("<img");
    }

    @Test
    void aHugePromptOrErrorIsShownCapped() throws IOException {
        String prompt = "p".repeat(5_000_000);
        String error = "e".repeat(1_000_000);

        String html = render(summary(), List.of(new ReportRow(1, "big", "REJECTED", prompt, "1024x1024", "low", error,
                null, null)));

        assertThat(html.length()).isLessThan(100_000);
        assertThat(html).contains("p".repeat(4_000) + "... (4996000 more characters)")
                .contains("e".repeat(4_000) + "... (996000 more characters)");
    }

    @Test
    void thePageLoadsNothingFromOutside() throws IOException {
        Path coffee = ReportImages.sample("coffee.png", dir);
        String html = render(summary(), List.of(new ReportRow(1, "espresso", "SUCCEEDED", "p", "1024x1024", "low",
                null, coffee.toUri(), null)));

        Matcher sources = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        List<String> links = new ArrayList<>();
        while (sources.find()) {
            links.add(sources.group(1));
        }
        assertThat(links).isNotEmpty().allMatch(link -> link.startsWith("data:image/jpeg;base64,"));
        assertThat(html).contains("content=\"default-src 'none'; img-src data:;");
    }

    @Test
    void rowsAreWrittenOneByOneAsTheyArePulled() throws IOException {
        StringWriter out = new StringWriter();
        List<String> seenWhenPulled = new ArrayList<>();
        Iterable<ReportRow> rows = () -> new Iterator<>() {
            int next = 1;

            @Override
            public boolean hasNext() {
                return next <= 3;
            }

            @Override
            public ReportRow next() {
                // What the page held when this row was asked for: the previous row must be there already.
                seenWhenPulled.add(out.toString().contains("id=\"row-" + (next - 1) + "\"") ? "written" : "missing");
                int row = next++;
                return new ReportRow(row, "r" + row, "PENDING", "p", "1024x1024", "low", null, null, null);
            }
        };

        sheet.write(summary(), rows, out);

        assertThat(seenWhenPulled).containsExactly("missing", "written", "written");
        assertThat(out.toString()).contains("id=\"row-3\"").endsWith("</html>\n");
    }

    @Test
    void rowsCanBePushedAsALedgerHandsThemOut() throws IOException {
        StringWriter out = new StringWriter();

        try (ContactSheet.OpenSheet open = sheet.open(summary(), out)) {
            open.add(new ReportRow(1, "one", "REJECTED", "p", "9x9", "low", "size: 9x9 is not divisible by 16", null,
                    null));
            assertThat(out.toString()).contains("id=\"row-1\"").doesNotContain("</html>");
        }

        assertThat(out.toString()).endsWith("</html>\n");
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
        List<ReportRow> rows = List.of(new ReportRow(1, "one", "PENDING", "p", "s", "q", null, null, null));

        assertThatThrownBy(() -> sheet.write(summary(), rows, broken)).isInstanceOf(IOException.class)
                .hasMessage("disk full");
    }

    static ReportSummary summary() {
        return new ReportSummary(1, "COMPLETED", "manifest.csv", "out", Map.of("SUCCEEDED", 1L), START, START);
    }

    private String render(ReportSummary summary, List<ReportRow> rows) throws IOException {
        StringWriter out = new StringWriter();
        sheet.write(summary, rows, out);
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
