package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a browser shows it: the page's script runs in Debian's headless chromium and
 * the test reads the DOM it leaves. The screenshot is kept in target/report-chromium/ for a
 * person to look at.
 */
class ContactSheetChromiumTest {

    private static final Path SAMPLES = Path.of("sample-manifests", "images");
    private static final Path SCREENSHOT = Path.of("target", "report-chromium", "report.png");
    private static final Pattern ARTICLE = Pattern.compile("<article\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)(?:=\"([^\"]*)\")?");

    @TempDir
    Path dir;

    private HeadlessChromium chromium;
    private Path report;

    @BeforeEach
    void writeReport() throws IOException {
        chromium = HeadlessChromium.require(dir);
        Path bomb = ReportImages.bomb(dir.resolve("bomb.png"), 100_000, 100_000, 1024);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("SUCCEEDED", 2L);
        counts.put("FAILED", 2L);
        counts.put("REJECTED", 1L);
        counts.put("PENDING", 1L);
        ReportSummary summary = new ReportSummary(42, "COMPLETED", "sample-manifests/demo.csv", "/srv/out", counts,
                LocalDateTime.of(2025, 3, 14, 9, 0, 0), LocalDateTime.of(2025, 3, 14, 9, 3, 12));
        Thumbnails thumbnails = new Thumbnails(Thumbnails.DEFAULT_MAX_EDGE, Thumbnails.DEFAULT_MAX_PIXELS);
        List<ReportRow> problems = List.of(
                new ReportRow(2, "cat-studio", "images/chelsea.png", "FAILED",
                        "<script>document.title='owned'</script> studio & \"gray\"", "1536x1024", "low", "auto",
                        "aiRecord status FAILED: <content policy>", 0),
                new ReportRow(4, "bad-size", "images/rocket.jpg", "REJECTED", "sunset", "1000x1000", "medium", "auto",
                        "size: 1000 is not divisible by 16", 0),
                new ReportRow(6, "huge", "images/huge.png", "FAILED", "anything", "1024x1024", "low", "auto",
                        "timed out", 0));
        List<ReportRow> sample = List.of(
                new ReportRow(1, "espresso", "images/coffee.png", "SUCCEEDED",
                        "a sunlit marble caf\u00e9 counter, soft morning light", "1536x1024", "medium", "opaque", null, 0)
                        .withPictures(preview(thumbnails, "coffee.png"), preview(thumbnails, "chelsea.png")),
                new ReportRow(3, "astronaut-portrait", "images/astronaut.png", "SUCCEEDED", "a dark blue gradient",
                        "1024x1024", "high", "auto", null, 0)
                        .withPictures(preview(thumbnails, "astronaut.png"), preview(thumbnails, "rocket.jpg")),
                new ReportRow(7, "bomb", "images/bomb.png", "SUCCEEDED", "a plain wall", "1024x1024", "low", "auto",
                        null, 0)
                        .withPictures(thumbnails.preview(() -> Files.newInputStream(bomb)),
                                preview(thumbnails, "rocket.jpg")));
        report = dir.resolve("report.html");
        try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
            new ContactSheet().write(new ReportPage(summary, problems, 3, List.of(), 0, sample, List.of(), 2_000,
                    List.of()), out);
        }
    }

    @Test
    void everyRowIsShownWithItsPicturesAndThePromptStaysText() throws Exception {
        String dom = chromium.dumpDom(report.toUri().toString());

        assertThat(dom).contains("<html lang=\"en\" data-ready=\"true\">")
                .contains("<main id=\"sheet\" data-filter=\"ALL\" data-visible=\"6\">")
                .contains(">6 of 6 rows on this page shown</output>")
                // The prompt's script did not run (the title is intact) and reads as text.
                .contains("<title>Backdrop execution 42 \u00b7 COMPLETED</title>")
                .contains("&lt;script&gt;document.title='owned'&lt;/script&gt; studio &amp; \"gray\"")
                .contains("too large to preview (100000\u00d7100000)")
                .doesNotContain("<div class=\"placeholder\">preview could not be shown</div>");
        // What needs a look comes first, then the sample of what went well.
        assertThat(visibleRows(dom)).containsExactly("row-2", "row-4", "row-6", "row-1", "row-3", "row-7");
        assertThat(count(dom, "<img ")).isEqualTo(5);
        assertThat(count(dom, "<script")).isEqualTo(1);
    }

    @Test
    void aStatusInTheAddressShowsOnlyTheRowsWithIt() throws Exception {
        String dom = chromium.dumpDom(report.toUri() + "#status=FAILED");

        assertThat(visibleRows(dom)).containsExactly("row-2", "row-6");
        assertThat(statusesOfVisibleRows(dom)).containsOnly("FAILED");
        assertThat(dom).contains("data-filter=\"FAILED\" data-visible=\"2\"")
                .contains(">2 of 6 rows on this page shown</output>")
                .as("a section with nothing to show is hidden with its heading")
                .contains("<section class=\"sample\" hidden=\"\">").contains("<section class=\"problems\">")
                .contains("data-status=\"FAILED\" aria-pressed=\"true\"")
                .contains("data-status=\"\" aria-pressed=\"false\"");
    }

    @Test
    void severalStatusesCanBeShownTogether() throws Exception {
        String dom = chromium.dumpDom(report.toUri() + "#status=rejected,PENDING");

        assertThat(visibleRows(dom)).containsExactly("row-4");
        assertThat(dom).contains("data-filter=\"REJECTED,PENDING\" data-visible=\"1\"");
    }

    @Test
    void theScreenshotShowsThePhotos() throws Exception {
        chromium.screenshot(report.toUri().toString(), SCREENSHOT, 1280, 1100);

        BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
        assertThat(shot.getWidth()).isEqualTo(1280);
        assertThat(shot.getHeight()).isEqualTo(1100);
        // Text and flat colours alone make a few hundred colours; the photos make tens of thousands.
        assertThat(colours(shot)).isGreaterThan(5_000);
    }

    private static Preview preview(Thumbnails thumbnails, String name) {
        Path file = SAMPLES.resolve(name);
        assertThat(file).as("sample photo (the tests run from the project's folder)").isRegularFile();
        return thumbnails.preview(() -> Files.newInputStream(file));
    }

    private static List<String> visibleRows(String dom) {
        return articles(dom).stream().filter(a -> !a.containsKey("hidden")).map(a -> a.get("id")).toList();
    }

    private static List<String> statusesOfVisibleRows(String dom) {
        return articles(dom).stream().filter(a -> !a.containsKey("hidden")).map(a -> a.get("data-status")).toList();
    }

    private static List<Map<String, String>> articles(String dom) {
        Matcher article = ARTICLE.matcher(dom);
        List<Map<String, String>> articles = new ArrayList<>();
        while (article.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(article.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2) == null ? "" : attribute.group(2));
            }
            articles.add(attributes);
        }
        return articles;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }
}
