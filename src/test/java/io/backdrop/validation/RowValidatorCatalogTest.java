package io.backdrop.validation;

import static io.backdrop.validation.LocalValidators.NO_DEFAULTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.ImageSize;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import io.backdrop.model.RowDefaults;
import io.backdrop.model.RowPlan;
import io.backdrop.model.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog rules of RowValidator: prompt templates, {@code size: source} and fingerprints. */
class RowValidatorCatalogTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void images() throws IOException {
        TestImages.sample("coffee.png", dir.resolve("coffee.png"));
        TestImages.sample("rocket.jpg", dir.resolve("rocket.jpg"));
        TestImages.webp(dir.resolve("banner.webp"), 4000, 1000);
        Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0});
        TestImages.text(dir.resolve("notes.png"));
    }

    @Test
    void aPromptCellIsATemplateFilledFromAnyColumnOfItsRow() {
        Map<String, String> cells = row("coffee.png", "a {{title}} in {{ color }} on a snowy sill");
        cells.put("title", "Espresso cup");
        cells.put("color", "white");

        RowPlan plan = valid(validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells)));

        assertThat(plan.prompt()).isEqualTo("a Espresso cup in white on a snowy sill");
    }

    @Test
    void theDefaultPromptIsATemplateToo() {
        RowValidator validator = validator(new RowDefaults("{{title}} on a winter market stall", "1024x1024", "low", ""));
        Map<String, String> mug = row("coffee.png", "");
        mug.put("title", "Mug");
        Map<String, String> rocket = row("rocket.jpg", "");
        rocket.put("title", "Rocket");

        assertThat(valid(validator.check(new ManifestRow(1, 2, mug))).prompt()).isEqualTo("Mug on a winter market stall");
        assertThat(valid(validator.check(new ManifestRow(2, 3, rocket))).prompt()).isEqualTo("Rocket on a winter market stall");
    }

    @Test
    void anUnknownColumnRejectsTheRowNamingTheColumnsTheManifestHas() {
        Map<String, String> cells = row("coffee.png", "a {{title}} in {{colour}}");
        cells.put("title", "Mug");
        cells.put("color", "white");

        RowCheck.Rejected rejected = rejected(validator(NO_DEFAULTS).check(new ManifestRow(4, 5, cells)));

        assertThat(rejected.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("prompt");
            assertThat(v.value()).isEqualTo("a {{title}} in {{colour}}");
            assertThat(v.rule()).isEqualTo("unknown column 'colour' in {{colour}}; "
                    + "the manifest has: id, image, prompt, size, quality, background, title, color");
        });
        assertThat(rejected.message()).isEqualTo("row 4 (line 5): prompt 'a {{title}} in {{colour}}': "
                + "unknown column 'colour' in {{colour}}; the manifest has: id, image, prompt, size, quality, background, title, color");
    }

    @Test
    void aPromptOverTheLimitAfterFillingIsRejectedWithItsLength() {
        Map<String, String> cells = row("coffee.png", "{{title}} on snow");
        cells.put("title", "x".repeat(3_993));

        RowCheck.Rejected rejected = rejected(validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells)));

        assertThat(rejected.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("prompt");
            assertThat(v.rule()).isEqualTo("is 4001 characters after filling its template; at most 4000");
        });
    }

    @Test
    void aPromptAtTheLimitAfterFillingIsValid() {
        Map<String, String> cells = row("coffee.png", "{{title}} on snow");
        cells.put("title", "x".repeat(3_992));

        assertThat(valid(validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells))).prompt()).hasSize(4_000);
    }

    @Test
    void aTemplateThatFillsToNothingIsRejected() {
        Map<String, String> cells = row("coffee.png", "{{title}}");
        cells.put("title", "  ");

        RowCheck.Rejected rejected = rejected(validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells)));

        assertThat(rejected.message()).isEqualTo("row 1 (line 2): prompt '{{title}}': is blank after filling its template");
    }

    @Test
    void sizeSourceTakesTheValidSizeClosestToThePhoto() {
        Map<String, String> coffee = row("coffee.png", "snow");
        coffee.put("size", "source");
        Map<String, String> rocket = row("rocket.jpg", "snow");
        rocket.put("size", "SOURCE");
        Map<String, String> banner = row("banner.webp", "snow");
        banner.put("size", "Source");
        RowValidator validator = validator(NO_DEFAULTS);

        assertThat(valid(validator.check(new ManifestRow(1, 2, coffee))).size()).isEqualTo(SourceSizeChooser.closestTo(600, 400));
        assertThat(valid(validator.check(new ManifestRow(2, 3, rocket))).size()).isEqualTo(SourceSizeChooser.closestTo(640, 427));
        assertThat(valid(validator.check(new ManifestRow(3, 4, banner))).size()).isEqualTo(new ImageSize(3456, 1152));
    }

    @Test
    void sizeSourceWorksAsTheDefault() {
        RowValidator validator = validator(new RowDefaults("", "source", "", ""));
        Map<String, String> cells = row("coffee.png", "snow");
        cells.put("size", "");

        assertThat(valid(validator.check(new ManifestRow(1, 2, cells))).size()).isEqualTo(new ImageSize(1008, 672));
    }

    @Test
    void unreadableDimensionsRejectTheRowOnItsImageNotAgainOnItsSize() {
        Map<String, String> cells = row("broken.png", "snow");
        cells.put("size", "source");

        RowCheck.Rejected rejected = rejected(validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells)));

        assertThat(rejected.message()).isEqualTo("row 1 (line 2): image 'broken.png': is damaged: its PNG header cannot be read");
    }

    @Test
    void anImageThatBreaksARuleIsReportedOnceNotAgainForSizeSource() {
        Map<String, String> cells = row("notes.png", "snow");
        cells.put("size", "source");

        RowCheck.Rejected rejected = rejected(validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells)));

        assertThat(rejected.violations()).extracting(Violation::field).containsExactly("image");
    }

    private static RowValidator validator(RowDefaults defaults) {
        return LocalValidators.inFolder(dir, defaults);
    }

    private static Map<String, String> row(String image, String prompt) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", "");
        cells.put("image", image);
        cells.put("prompt", prompt);
        cells.put("size", "1024x1024");
        cells.put("quality", "low");
        cells.put("background", "");
        return cells;
    }

    private static RowPlan valid(RowCheck check) {
        assertThat(check).isInstanceOf(RowCheck.Valid.class);
        return ((RowCheck.Valid) check).plan();
    }

    private static RowCheck.Rejected rejected(RowCheck check) {
        assertThat(check).isInstanceOf(RowCheck.Rejected.class);
        return (RowCheck.Rejected) check;
    }
}
