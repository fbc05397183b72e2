package io.backdrop.report;

import io.backdrop.model.CreditSummary;
import io.backdrop.model.Elapsed;
import io.backdrop.model.RowStatus;
import io.backdrop.platform.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.web.util.HtmlUtils;

/**
 * report.html: one self-contained page that answers the morning's questions first: the
 * execution's summary, every FAILED and REJECTED row (up to a cap), the rows with in-doubt paid
 * calls, then a sample of the rows that went well with before/after thumbnails, filterable by
 * status. Its size is bounded whatever the job's row count; the optional pages report-2.html...
 * list every row, a bounded number each. Thumbnails are embedded as data: URIs and the style and
 * script are inline, so the file can be mailed or opened from any bucket; its content security
 * policy forbids it to load anything from anywhere.
 *
 * <p>It renders what it is handed and reads nothing: the thumbnails come made.
 */
public class ContactSheet {

    /** The statuses a run usually ends with, offered first in the filter in this order. */
    /** Characters of a prompt or an error shown: the API's longest prompt; a rejected one may be megabytes. */
    private static final int SHOWN_TEXT = 4_000;
    private static final List<String> USUAL_STATUSES = Stream.concat(
            RowStatus.USUAL_OUTCOMES.stream().map(RowStatus::name), Stream.of(RowStatus.PENDING)).toList();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'";

    private final String style;
    private final String script;

    public ContactSheet() {
        this.style = resource("contact-sheet.css");
        this.script = resource("contact-sheet.js");
    }

    /** Where an execution's report goes under the output, beside its results.csv. */
    public static String reportName(long executionId) {
        return "runs/" + executionId + "/report.html";
    }

    /** The name of the {@code number}th page of an execution's report (the first is report.html). */
    public static String pageName(long executionId, int number) {
        return "runs/" + executionId + "/" + pageFile(number);
    }

    /** The file name of the {@code number}th page, as the pages link to each other. */
    public static String pageFile(int number) {
        return number == 1 ? "report.html" : "report-" + number + ".html";
    }

    /** The whole first page. The writer is flushed, not closed. */
    public void write(ReportPage page, Writer out) throws IOException {
        ReportSummary summary = page.summary();
        StringBuilder html = new StringBuilder(head(summary));
        html.append("<p class=\"scope\">").append(scope(page)).append("</p>\n");
        html.append(filter(summary)).append("<main id=\"sheet\">\n");
        out.write(html.toString());

        if (page.problemsTotal() > 0) {
            out.write("<section class=\"problems\">\n<h2>Failed and rejected <b class=\"count\">"
                    + page.problemsTotal() + "</b></h2>\n");
            if (page.problemsTotal() > page.problems().size()) {
                out.write("<p class=\"more\">The first " + page.problems().size() + " in row order; "
                        + (page.problemsTotal() - page.problems().size()) + " more are in results.csv and in "
                        + "<code>backdrop failures " + summary.executionId() + " --csv</code>.</p>\n");
            }
            cards(page.problems(), out);
            out.write("</section>\n");
        }
        if (page.inDoubtTotal() > 0) {
            out.write("<section class=\"in-doubt\">\n<h2>In doubt <b class=\"count\">" + page.inDoubtTotal()
                    + "</b></h2>\n<p class=\"more\">Each of these rows made a paid call whose answer was lost: "
                    + "it may have been charged.");
            if (page.inDoubtTotal() > page.inDoubt().size()) {
                out.write(" The first " + page.inDoubt().size() + " are shown; every one is in results.csv.");
            }
            out.write("</p>\n");
            cards(page.inDoubt(), out);
            out.write("</section>\n");
        }
        int sampled = page.sampleNow().size() + page.sampleEarlier().size();
        if (sampled > 0) {
            out.write("<section class=\"sample\">\n<h2>Succeeded <b class=\"count\">" + page.succeeded()
                    + "</b></h2>\n<p class=\"more\">" + (sampled < page.succeeded()
                    ? "A sample of " + sampled + ", spread over the catalog, finished in this execution first."
                    : "All of them.") + "</p>\n");
            if (!page.sampleNow().isEmpty() && !page.sampleEarlier().isEmpty()) {
                out.write("<h3>In this execution</h3>\n");
            }
            cards(page.sampleNow(), out);
            if (!page.sampleEarlier().isEmpty()) {
                if (!page.sampleNow().isEmpty()) {
                    out.write("<h3>In earlier executions, or reused</h3>\n");
                }
                cards(page.sampleEarlier(), out);
            }
            out.write("</section>\n");
        }
        out.write("</main>\n");
        if (!page.pages().isEmpty()) {
            out.write(pageLinks(1, page.pages().size() + 1));
        }
        out.write(tail());
        out.flush();
    }

    /**
     * One of the optional pages that list every row, {@code rows} of them here, without pictures.
     *
     * @param number this page's number, from 2
     * @param pages  the number of pages, report.html included
     */
    public void writeListing(ReportSummary summary, int number, int pages, List<ReportRow> rows, Writer out)
            throws IOException {
        StringBuilder html = new StringBuilder(head(summary));
        html.append("<p class=\"scope\">Page ").append(number).append(" of ").append(pages)
                .append(": every row of the job, in row order");
        if (!rows.isEmpty()) {
            html.append(", rows ").append(rows.get(0).row()).append(" to ").append(rows.get(rows.size() - 1).row());
        }
        html.append(".</p>\n").append(pageLinks(number, pages)).append(filter(summary))
                .append("<main id=\"sheet\">\n<section class=\"listing\">\n");
        out.write(html.toString());
        cards(rows, out);
        out.write("</section>\n</main>\n" + pageLinks(number, pages) + tail());
        out.flush();
    }

    private void cards(List<ReportRow> rows, Writer out) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        out.write("<div class=\"cards\">\n");
        for (ReportRow row : rows) {
            out.write(card(row));
        }
        out.write("</div>\n");
    }

    private static String scope(ReportPage page) {
        return "This page: every failed and rejected row" + (page.problemsTotal() > page.problems().size()
                ? " up to " + page.problems().size() : "") + (page.inDoubtTotal() > 0 ? ", the rows in doubt" : "")
                + " and a sample of the rows that succeeded. results.csv, beside it, has every row"
                + (page.pages().isEmpty() ? "." : "; so do the pages linked at the bottom.");
    }

    private static String pageLinks(int current, int pages) {
        StringBuilder html = new StringBuilder("<nav class=\"pages\" aria-label=\"Pages\">Pages:");
        for (int number = 1; number <= pages; number++) {
            String label = number == 1 ? "summary" : Integer.toString(number);
            if (number == current) {
                html.append(" <b aria-current=\"page\">").append(label).append("</b>");
            } else {
                html.append(" <a href=\"").append(pageFile(number)).append("\">").append(label).append("</a>");
            }
        }
        return html.append("</nav>\n").toString();
    }

    private String head(ReportSummary summary) {
        String status = escape(summary.status());
        StringBuilder html = new StringBuilder(8192 + style.length());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Backdrop execution ").append(summary.executionId()).append(" \u00b7 ").append(status)
                .append("</title>\n<style>\n").append(style).append("</style>\n</head>\n<body>\n")
                .append("<header class=\"summary\">\n<h1>Backdrop execution <span class=\"execution\">")
                .append(summary.executionId()).append("</span> <span class=\"badge\" data-status=\"").append(status)
                .append("\">").append(status).append("</span></h1>\n<dl>\n");
        term(html, "Manifest", "<code>" + escape(summary.manifest()) + "</code>");
        term(html, "Output", "<code>" + escape(summary.output()) + "</code>");
        term(html, "Started", time(summary.start()));
        term(html, "Ended", time(summary.end()));
        if (summary.start() != null && summary.end() != null) {
            term(html, "Duration", escape(new Elapsed(Duration.between(summary.start(), summary.end())).toString()));
        }
        credits(html, summary.credits());
        html.append("</dl>\n</header>\n");
        return html.toString();
    }

    /** The status buttons, with the counts of the whole job (a page holds only some of its rows). */
    private static String filter(ReportSummary summary) {
        StringBuilder html = new StringBuilder(1024);
        Map<String, Long> counts = ordered(summary.counts());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        html.append("<nav class=\"filter\" aria-label=\"Show rows by status\">\n")
                .append("<button type=\"button\" data-status=\"\" aria-pressed=\"true\">All <b class=\"count\">")
                .append(total).append("</b></button>\n");
        counts.forEach((name, count) -> {
            String escaped = escape(name);
            html.append("<button type=\"button\" data-status=\"").append(escaped).append("\" aria-pressed=\"false\"")
                    .append(count == 0 ? " class=\"empty\"" : "").append(">").append(escaped)
                    .append(" <b class=\"count\">").append(count).append("</b></button>\n");
        });
        html.append("<output id=\"shown\" aria-live=\"polite\"></output>\n</nav>\n");
        return html.toString();
    }

    private static String card(ReportRow row) {
        String status = escape(row.status() == null ? "UNKNOWN" : row.status());
        StringBuilder html = new StringBuilder(1024);
        html.append("<article class=\"row\" id=\"row-").append(row.row()).append("\" data-status=\"").append(status)
                .append("\">\n");
        if (row.pictured()) {
            html.append("<div class=\"pair\">\n");
            figure(html, orNone(row.source(), "no source"), "before", "source of " + row.id());
            figure(html, orNone(row.result(), "no result"), "after", "result of " + row.id());
            html.append("</div>\n");
        }
        html.append("<div class=\"meta\">\n<p class=\"title\"><span class=\"n\">#").append(row.row())
                .append("</span> <span class=\"id\">").append(escape(row.id()))
                .append("</span> <span class=\"badge\" data-status=\"").append(status).append("\">").append(status)
                .append("</span></p>\n");
        if (!row.pictured() && row.image() != null && !row.image().isEmpty()) {
            html.append("<p class=\"image\"><code>").append(escape(row.image())).append("</code></p>\n");
        }
        html.append("<p class=\"params\"><span class=\"size\">").append(escape(row.size()))
                .append("</span> <span class=\"quality\">").append(escape(row.quality()))
                .append("</span> <span class=\"background\">").append(escape(row.background()))
                .append("</span></p>\n<p class=\"prompt\">").append(escape(TerminalText.capped(row.prompt(), SHOWN_TEXT)))
                .append("</p>\n");
        if (row.inDoubtCalls() > 0) {
            html.append("<p class=\"doubt\">").append(row.inDoubtCalls())
                    .append(row.inDoubtCalls() == 1 ? " paid call" : " paid calls")
                    .append(" in doubt: the answer was lost, the charge may have been made</p>\n");
        }
        if (row.error() != null && !row.error().isEmpty()) {
            html.append("<p class=\"error\">").append(escape(TerminalText.capped(row.error(), SHOWN_TEXT))).append("</p>\n");
        }
        html.append("</div>\n</article>\n");
        return html.toString();
    }

    private static Preview orNone(Preview preview, String absent) {
        return preview == null ? Preview.placeholder(absent) : preview;
    }

    private static void figure(StringBuilder html, Preview preview, String caption, String alt) {
        html.append("<figure class=\"").append(caption).append("\">");
        if (preview.dataUri() != null) {
            html.append("<img src=\"").append(preview.dataUri()).append("\" width=\"").append(preview.width())
                    .append("\" height=\"").append(preview.height()).append("\" alt=\"").append(escape(alt))
                    .append("\" decoding=\"async\">");
        } else {
            html.append("<div class=\"placeholder\">").append(escape(preview.placeholder())).append("</div>");
        }
        html.append("<figcaption>").append(caption).append("</figcaption></figure>\n");
    }

    private String tail() {
        return "<footer>Made by Backdrop. Filter with the buttons above, or link to "
                + "<code>#status=FAILED</code> (several: <code>#status=FAILED,REJECTED</code>).</footer>\n"
                + "<script>\n" + script + "</script>\n</body>\n</html>\n";
    }

    /** The same lines as the run summary's, one per line of the definition. */
    private static void credits(StringBuilder html, CreditSummary credits) {
        if (credits != null) {
            term(html, "Credits", String.join("<br>", credits.lines().stream().map(ContactSheet::escape).toList()));
        }
    }

    private static void term(StringBuilder html, String term, String definition) {
        html.append("<dt>").append(term).append("</dt><dd>").append(definition).append("</dd>\n");
    }

    /**
     * Text safe in HTML content and in quoted attribute values; null becomes "". Only the five
     * markup characters are replaced: the page is UTF-8, so every other character stays as it is.
     */
    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private static String time(LocalDateTime time) {
        if (time == null) {
            return "\u2014";
        }
        return "<time datetime=\"" + time + "\">" + TIME.format(time) + "</time>";
    }

    /** The usual statuses first, in their usual order, then the others as the map has them. */
    private static Map<String, Long> ordered(Map<String, Long> counts) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(counts.keySet());
        for (String usual : USUAL_STATUSES) {
            if (counts.containsKey(usual)) {
                ordered.put(usual, counts.get(usual) == null ? 0L : counts.get(usual));
                rest.remove(usual);
            }
        }
        for (String other : rest) {
            ordered.put(other, counts.get(other) == null ? 0L : counts.get(other));
        }
        return ordered;
    }

    private static String resource(String name) {
        try (InputStream in = ContactSheet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + ContactSheet.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
