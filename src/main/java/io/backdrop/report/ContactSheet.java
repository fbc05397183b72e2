package io.backdrop.report;

import io.backdrop.platform.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained page with an execution's summary and a before/after card for
 * every row, filterable by status. Thumbnails are embedded as data: URIs and the style and
 * script are inline, so the file can be mailed or opened from any bucket; its content security
 * policy forbids it to load anything from anywhere.
 *
 * <p>Rows are written as they come, each with its thumbnails made just then: a run of a hundred
 * thousand rows needs no more memory than a run of ten.
 */
public class ContactSheet {

    /** The statuses a run usually ends with, offered first in the filter in this order. */
    /** Characters of a prompt or an error shown: the API's longest prompt; a rejected one may be megabytes. */
    private static final int SHOWN_TEXT = 4_000;
    private static final List<String> USUAL_STATUSES = List.of("SUCCEEDED", "FAILED", "REJECTED", "PENDING");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'";

    private final Thumbnails thumbnails;
    private final String style;
    private final String script;

    public ContactSheet(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
        this.style = resource("contact-sheet.css");
        this.script = resource("contact-sheet.js");
    }

    /** Where an execution's report goes under the output, beside its results.csv. */
    public static String reportName(long executionId) {
        return "runs/" + executionId + "/report.html";
    }

    /** The whole page, rows pulled one at a time from the iterable. The writer is flushed, not closed. */
    public void write(ReportSummary summary, Iterable<ReportRow> rows, Writer out) throws IOException {
        try (OpenSheet sheet = open(summary, out)) {
            for (ReportRow row : rows) {
                sheet.add(row);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Starts the page for rows pushed one at a time, as {@code ledger.forEach(sheet::add)} does;
     * closing the returned sheet ends the page.
     */
    public OpenSheet open(ReportSummary summary, Writer out) throws IOException {
        out.write(head(summary));
        return new OpenSheet(out);
    }

    /** A page whose head is written and whose rows are being added. */
    public final class OpenSheet implements AutoCloseable {

        private final Writer out;
        private boolean closed;

        private OpenSheet(Writer out) {
            this.out = out;
        }

        /** Writes the row's card at once; {@link UncheckedIOException} if the writer fails. */
        public void add(ReportRow row) {
            try {
                out.write(card(row));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the page and flushes; the writer stays open for its owner to close. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.write(tail());
                out.flush();
            }
        }
    }

    private String head(ReportSummary summary) {
        String status = Html.escape(summary.status());
        StringBuilder html = new StringBuilder(8192 + style.length());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Backdrop execution ").append(summary.executionId()).append(" \u00b7 ").append(status)
                .append("</title>\n<style>\n").append(style).append("</style>\n</head>\n<body>\n")
                .append("<header class=\"summary\">\n<h1>Backdrop execution <span class=\"execution\">")
                .append(summary.executionId()).append("</span> <span class=\"badge\" data-status=\"").append(status)
                .append("\">").append(status).append("</span></h1>\n<dl>\n");
        term(html, "Manifest", "<code>" + Html.escape(summary.manifest()) + "</code>");
        term(html, "Output", "<code>" + Html.escape(summary.output()) + "</code>");
        term(html, "Started", time(summary.start()));
        term(html, "Ended", time(summary.end()));
        if (summary.start() != null && summary.end() != null) {
            term(html, "Duration", Html.escape(duration(Duration.between(summary.start(), summary.end()))));
        }
        html.append("</dl>\n</header>\n");

        Map<String, Long> counts = ordered(summary.counts());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        html.append("<nav class=\"filter\" aria-label=\"Show rows by status\">\n")
                .append("<button type=\"button\" data-status=\"\" aria-pressed=\"true\">All <b class=\"count\">")
                .append(total).append("</b></button>\n");
        counts.forEach((name, count) -> {
            String escaped = Html.escape(name);
            html.append("<button type=\"button\" data-status=\"").append(escaped).append("\" aria-pressed=\"false\"")
                    .append(count == 0 ? " class=\"empty\"" : "").append(">").append(escaped)
                    .append(" <b class=\"count\">").append(count).append("</b></button>\n");
        });
        html.append("<output id=\"shown\" aria-live=\"polite\"></output>\n</nav>\n<main id=\"sheet\">\n");
        return html.toString();
    }

    private String card(ReportRow row) {
        String status = Html.escape(row.status() == null ? "UNKNOWN" : row.status());
        StringBuilder html = new StringBuilder(1024);
        html.append("<article class=\"row\" id=\"row-").append(row.row()).append("\" data-status=\"").append(status)
                .append("\">\n<div class=\"pair\">\n");
        figure(html, preview(row.source(), "no source"), "before", "source of " + row.id());
        figure(html, preview(row.result(), "no result"), "after", "result of " + row.id());
        html.append("</div>\n<div class=\"meta\">\n<p class=\"title\"><span class=\"n\">#").append(row.row())
                .append("</span> <span class=\"id\">").append(Html.escape(row.id()))
                .append("</span> <span class=\"badge\" data-status=\"").append(status).append("\">").append(status)
                .append("</span></p>\n<p class=\"params\"><span class=\"size\">").append(Html.escape(row.size()))
                .append("</span> <span class=\"quality\">").append(Html.escape(row.quality())).append("</span></p>\n")
                .append("<p class=\"prompt\">").append(Html.escape(TerminalText.capped(row.prompt(), SHOWN_TEXT))).append("</p>\n");
        if (row.error() != null && !row.error().isEmpty()) {
            html.append("<p class=\"error\">").append(Html.escape(TerminalText.capped(row.error(), SHOWN_TEXT))).append("</p>\n");
        }
        html.append("</div>\n</article>\n");
        return html.toString();
    }

    private Preview preview(URI image, String absent) {
        return image == null ? Preview.placeholder(absent) : thumbnails.preview(image);
    }

    private static void figure(StringBuilder html, Preview preview, String caption, String alt) {
        html.append("<figure class=\"").append(caption).append("\">");
        if (preview.dataUri() != null) {
            html.append("<img src=\"").append(preview.dataUri()).append("\" width=\"").append(preview.width())
                    .append("\" height=\"").append(preview.height()).append("\" alt=\"").append(Html.escape(alt))
                    .append("\" decoding=\"async\">");
        } else {
            html.append("<div class=\"placeholder\">").append(Html.escape(preview.placeholder())).append("</div>");
        }
        html.append("<figcaption>").append(caption).append("</figcaption></figure>\n");
    }

    private String tail() {
        return "</main>\n<footer>Made by Backdrop. Filter with the buttons above, or link to "
                + "<code>#status=FAILED</code> (several: <code>#status=FAILED,REJECTED</code>).</footer>\n"
                + "<script>\n" + script + "</script>\n</body>\n</html>\n";
    }

    private static void term(StringBuilder html, String term, String definition) {
        html.append("<dt>").append(term).append("</dt><dd>").append(definition).append("</dd>\n");
    }

    private static String time(LocalDateTime time) {
        if (time == null) {
            return "\u2014";
        }
        return "<time datetime=\"" + time + "\">" + TIME.format(time) + "</time>";
    }

    private static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format("%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
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
