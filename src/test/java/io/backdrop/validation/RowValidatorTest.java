package io.backdrop.validation;

import static io.backdrop.validation.LocalValidators.NO_DEFAULTS;
import static io.backdrop.validation.LocalValidators.SOURCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.ImageFormat;
import io.backdrop.model.ImageSize;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import io.backdrop.model.RowDefaults;
import io.backdrop.model.RowPlan;
import io.backdrop.model.Violation;
import io.backdrop.storage.Sources;
import io.backdrop.model.PendingRow;
import io.backdrop.storage.SourceStore;
import java.io.InputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class RowValidatorTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void images() throws IOException {
        TestImages.sample("coffee.png", dir.resolve("cup.png"));
        TestImages.sample("rocket.jpg", dir.resolve("rocket.jpg"));
        TestImages.jpeg(dir.resolve("jpeg-named.png"));
        TestImages.png(dir.resolve("tiny.png"));
        TestImages.webp(dir.resolve("pic.webp"));
        TestImages.text(dir.resolve("notes.png"));
        TestImages.sparsePng(dir.resolve("huge.png"), RowValidator.MAX_IMAGE_BYTES + 1);
        TestImages.sparsePng(dir.resolve("limit.png"), RowValidator.MAX_IMAGE_BYTES);
        Files.createDirectories(dir.resolve("sub/dir"));
        TestImages.png(dir.resolve("sub/dir/photo.v2.png"));
        Files.createDirectories(dir.resolve("folder.png"));
    }

    /** Each case changes one cell of a row that is otherwise valid; null field means the row stays valid. */
    static Stream<Arguments> table() {
        return Stream.of(
                // The seed's own size examples.
                valid("size", "1024x1024"),
                rejected("size", "1000x1000", "size", "width and height must both be divisible by 16"),
                valid("size", "1024x640"),
                valid("size", "2880x2880"),
                // The seed marks 3840x864 as keeping the maximum-edge rule, which it does; at 4.44:1
                // it breaks the seed's own 3:1 aspect rule, so the row as a whole is rejected.
                rejected("size", "3840x864", "size", "the longest edge must be at most 3 times the shortest"),
                rejected("size", "4096x1024", "size", "the longest edge must be at most 3840 px"),
                valid("size", "3072x1024"),
                rejected("size", "3840x512", "size", "the longest edge must be at most 3 times the shortest"),
                // One case per size rule beyond the seed's.
                rejected("size", "512x512", "size", "width x height must be at least 655360 pixels"),
                rejected("size", "3840x3840", "size", "width x height must be at most 8294400 pixels"),
                rejected("size", "1024*1024", "size", "must be WxH, e.g. 1024x1024"),
                rejected("size", "large", "size", "must be WxH, e.g. 1024x1024"),
                rejected("size", "", "size", "must be given; give --size or a size cell"),
                valid("size", "1536X1024"),
                // Quality.
                valid("quality", "low"),
                valid("quality", "medium"),
                valid("quality", "HIGH"),
                rejected("quality", "best", "quality", "must be one of low, medium, high"),
                rejected("quality", "", "quality", "must be given; give --quality or a quality cell"),
                // Background.
                valid("background", "opaque"),
                valid("background", "Auto"),
                valid("background", ""),
                rejected("background", "transparent", "background", "must be one of auto, opaque"),
                // Prompt.
                valid("prompt", "x".repeat(4000)),
                rejected("prompt", "x".repeat(4001), "prompt", "must be at most 4000 characters (is 4001)"),
                rejected("prompt", "", "prompt", "must not be blank; give --prompt or a prompt cell"),
                rejected("prompt", " \n\t ", "prompt", "must not be blank; give --prompt or a prompt cell"),
                // Image.
                valid("image", "rocket.jpg"),
                valid("image", "pic.webp"),
                valid("image", "jpeg-named.png"),
                valid("image", "sub/dir/../dir/photo.v2.png"),
                valid("image", "limit.png"),
                rejected("image", "", "image", "must not be empty"),
                rejected("image", "missing.png", "image", "does not exist"),
                rejected("image", "folder.png", "image", "cannot be read: is a directory"),
                rejected("image", "notes.png", "image", "must be a PNG, JPEG or WebP image (by its content)"),
                rejected("image", "huge.png", "image", "must be at most 50 MB (is 50.0 MB)"),
                rejected("image", "https://cdn.invalid/cup.png", "image", "cannot be read: unsupported location"),
                // Id.
                valid("id", "SKU-1_blue (v2)"),
                valid("id", "x".repeat(200)),
                rejected("id", "x".repeat(201), "id", "must be at most 200 characters (is 201)"),
                rejected("id", "shoes/left", "id", "must not contain a path separator"),
                rejected("id", "shoes\\left", "id", "must not contain a path separator"),
                rejected("id", "..", "id", "must not be '.' or contain '..'"),
                rejected("id", "a..b", "id", "must not be '.' or contain '..'"),
                rejected("id", ".", "id", "must not be '.' or contain '..'"),
                rejected("id", "bel\u0007l", "id", "must not contain control characters"),
                rejected("id", "tab\tbed", "id", "must not contain control characters"));
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}: {3}")
    @MethodSource("table")
    void validationTable(String column, String value, String field, String rule) {
        Map<String, String> cells = validCells();
        cells.put(column, value);

        RowCheck check = validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells));

        if (field == null) {
            assertThat(check).isInstanceOf(RowCheck.Valid.class);
            return;
        }
        assertThat(check).isInstanceOf(RowCheck.Rejected.class);
        RowCheck.Rejected rejected = (RowCheck.Rejected) check;
        assertThat(rejected.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.rule()).startsWith(rule);
        });
        assertThat(rejected.message()).startsWith("row 1 (line 2): " + field).contains(rule);
    }

    @Test
    void aValidRowBecomesAPlanWithTheImageFactsAndNormalisedValues() throws IOException {
        Map<String, String> cells = validCells();
        cells.put("quality", "High");
        cells.put("background", "OPAQUE");

        RowCheck check = validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells));

        assertThat(check).isInstanceOf(RowCheck.Valid.class);
        RowPlan plan = ((RowCheck.Valid) check).plan();
        assertThat(plan.id()).isEqualTo("cup");
        assertThat(plan.image()).isEqualTo(dir.resolve("cup.png").toUri());
        assertThat(plan.imageBytes()).isEqualTo(Files.size(dir.resolve("cup.png")));
        assertThat(plan.format()).isEqualTo(ImageFormat.PNG);
        assertThat(plan.prompt()).isEqualTo("a marble counter");
        assertThat(plan.size()).isEqualTo(new ImageSize(1024, 1024));
        assertThat(plan.quality()).isEqualTo("high");
        assertThat(plan.background()).isEqualTo("opaque");
    }

    @Test
    void admittingARowReadsNothingAndCompletingItReportsEveryRuleInColumnOrder() {
        // A storage that fails the test if asked anything: admit judges the cells only.
        SourceStore untouchable = new SourceStore() {
            @Override
            public boolean handles(URI location) {
                return true;
            }

            @Override
            public long size(URI location) {
                throw new AssertionError("admit read the size of " + location);
            }

            @Override
            public InputStream open(URI location) {
                throw new AssertionError("admit opened " + location);
            }
        };
        RowValidator validator = new RowValidator(NO_DEFAULTS, dir.resolve("manifest.csv").toUri(),
                new Sources(List.of(untouchable)));
        Map<String, String> cells = validCells();
        cells.put("image", "missing.png");
        cells.put("quality", "best");

        PendingRow pending = validator.admit(new ManifestRow(1, 2, cells));

        assertThat(pending.image()).isEqualTo(dir.resolve("missing.png").toUri());
        assertThat(pending.violations()).extracting(Violation::field).containsExactly("quality");

        RowCheck check = validator.complete(pending, SOURCES.object(pending.image()));

        assertThat(((RowCheck.Rejected) check).violations()).extracting(Violation::field).containsExactly("image", "quality");
    }

    @Test
    void theFormatComesFromTheContentNotTheName() {
        assertThat(planOf("jpeg-named.png").format()).isEqualTo(ImageFormat.JPEG);
        assertThat(planOf("rocket.jpg").format()).isEqualTo(ImageFormat.JPEG);
        assertThat(planOf("pic.webp").format()).isEqualTo(ImageFormat.WEBP);
        assertThat(planOf("tiny.png").format()).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void emptyCellsTakeTheDefaultsAndBackgroundDefaultsToAuto() {
        RowDefaults defaults = new RowDefaults("studio grey", "1536x1024", "medium", null);
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("image", "cup.png");

        RowPlan plan = ((RowCheck.Valid) validator(defaults).check(new ManifestRow(1, 2, cells))).plan();

        assertThat(plan.prompt()).isEqualTo("studio grey");
        assertThat(plan.size()).isEqualTo(new ImageSize(1536, 1024));
        assertThat(plan.quality()).isEqualTo("medium");
        assertThat(plan.background()).isEqualTo("auto");
    }

    @Test
    void cellsWinOverDefaults() {
        RowDefaults defaults = new RowDefaults("studio grey", "1536x1024", "medium", "opaque");
        Map<String, String> cells = validCells();

        RowPlan plan = ((RowCheck.Valid) validator(defaults).check(new ManifestRow(1, 2, cells))).plan();

        assertThat(plan.prompt()).isEqualTo("a marble counter");
        assertThat(plan.size()).isEqualTo(new ImageSize(1024, 1024));
        assertThat(plan.quality()).isEqualTo("high");
        assertThat(plan.background()).isEqualTo("auto");
    }

    @Test
    void anEmptyIdIsTheImageFileNameWithoutItsExtension() {
        assertThat(planOf("sub/dir/photo.v2.png").id()).isEqualTo("photo.v2");
        assertThat(planOf(dir.resolve("rocket.jpg").toString()).id()).isEqualTo("rocket");
        assertThat(planOf(dir.resolve("pic.webp").toUri().toString()).id()).isEqualTo("pic");
        assertThat(RowId.fromImage("s3://bucket/shoes/left%20shoe.webp?versionId=3")).isEqualTo("left shoe");
        assertThat(RowId.fromImage("https://cdn.example/a/b/c.JPG#top")).isEqualTo("c");
        assertThat(RowId.fromImage("C:\\photos\\mug.png")).isEqualTo("mug");
        assertThat(RowId.fromImage(".hidden")).isEqualTo(".hidden");
    }

    @Test
    void idsMustBeUniqueInTheManifest() {
        RowValidator validator = validator(NO_DEFAULTS);
        Map<String, String> first = validCells();
        first.put("id", "sku-1");
        Map<String, String> other = validCells();
        other.put("id", "sku-2");
        Map<String, String> again = validCells();
        again.put("id", "SKU-1");
        Map<String, String> derived = validCells();
        Map<String, String> derivedAgain = validCells();

        assertThat(validator.check(new ManifestRow(1, 2, first))).isInstanceOf(RowCheck.Valid.class);
        assertThat(validator.check(new ManifestRow(2, 3, other))).isInstanceOf(RowCheck.Valid.class);
        RowCheck duplicate = validator.check(new ManifestRow(3, 4, again));
        assertThat(validator.check(new ManifestRow(4, 5, derived))).isInstanceOf(RowCheck.Valid.class);
        RowCheck derivedDuplicate = validator.check(new ManifestRow(5, 6, derivedAgain));

        assertThat(((RowCheck.Rejected) duplicate).message())
                .isEqualTo("row 3 (line 4): id 'SKU-1': duplicates the id of row 1");
        assertThat(((RowCheck.Rejected) derivedDuplicate).message())
                .isEqualTo("row 5 (line 6): id 'cup': duplicates the id of row 4");
    }

    @Test
    void everyBrokenRuleOfARowIsReportedInColumnOrder() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", "../escape");
        cells.put("image", "notes.png");
        cells.put("prompt", "");
        cells.put("size", "1000x1000");
        cells.put("quality", "best");
        cells.put("background", "none");

        RowCheck.Rejected rejected = (RowCheck.Rejected) validator(NO_DEFAULTS).check(new ManifestRow(3, 4, cells));

        assertThat(rejected.violations()).extracting(Violation::field)
                .containsExactly("id", "image", "prompt", "size", "quality", "background");
        assertThat(rejected.id()).isEqualTo("../escape");
        assertThat(rejected.image()).isEqualTo("notes.png");
        assertThat(rejected.message()).isEqualTo("row 3 (line 4): "
                + "id '../escape': must not contain a path separator ('/' or '\\'); "
                + "image 'notes.png': must be a PNG, JPEG or WebP image (by its content); "
                + "prompt: must not be blank; give --prompt or a prompt cell; "
                + "size '1000x1000': width and height must both be divisible by 16; "
                + "quality 'best': must be one of low, medium, high; "
                + "background 'none': must be one of auto, opaque");
    }

    @Test
    void anEmptyImageSkipsTheImageChecksAndTheDerivedId() {
        Map<String, String> cells = validCells();
        cells.put("image", "");
        cells.put("quality", "best");

        RowCheck.Rejected rejected = (RowCheck.Rejected) validator(NO_DEFAULTS).check(new ManifestRow(2, 3, cells));

        assertThat(rejected.message()).isEqualTo(
                "row 2 (line 3): image: must not be empty; quality 'best': must be one of low, medium, high");
        assertThat(rejected.id()).isEmpty();
    }

    @Test
    void relativeImagesResolveAgainstTheManifestsFolder() throws IOException {
        Path nested = Files.createDirectories(dir.resolve("manifests/spring"));
        RowValidator validator = LocalValidators.inFolder(nested, NO_DEFAULTS);
        Map<String, String> cells = validCells();
        cells.put("image", "../../cup.png");

        RowCheck check = validator.check(new ManifestRow(1, 2, cells));

        assertThat(((RowCheck.Valid) check).plan().image()).isEqualTo(dir.resolve("cup.png").toUri());
    }

    @Test
    void rowsReadFromAManifestOnDiskAreCheckedOneByOne() throws Exception {
        Path manifest = dir.resolve("shoot.csv");
        Files.writeString(manifest, "id,image,prompt,size,quality,sku\r\n"
                + ",cup.png,\"espresso bar, \"\"warm\"\" light\",1536x1024,high,A-1\r\n"
                + "rocket,rocket.jpg,,1000x1000,low,A-2\r\n"
                + ",pic.webp,\"line one\nline two\",,,A-3\r\n");
        RowValidator validator = new RowValidator(new RowDefaults("", "1024x1024", "medium", ""),
                manifest.toUri(), SOURCES);
        ManifestItemReader reader = new ManifestItemReader(manifest.toString(), () -> Files.newInputStream(manifest));
        List<RowCheck> checks = new ArrayList<>();

        reader.open(new ExecutionContext());
        for (ManifestRow row = reader.read(); row != null; row = reader.read()) {
            checks.add(validator.check(row));
        }
        reader.close();

        assertThat(checks).hasSize(3);
        RowPlan cup = ((RowCheck.Valid) checks.get(0)).plan();
        assertThat(cup.prompt()).isEqualTo("espresso bar, \"warm\" light");
        assertThat(cup.source().cells()).containsEntry("sku", "A-1");
        assertThat(((RowCheck.Rejected) checks.get(1)).message()).isEqualTo("row 2 (line 3): "
                + "prompt: must not be blank; give --prompt or a prompt cell; "
                + "size '1000x1000': width and height must both be divisible by 16");
        RowPlan pic = ((RowCheck.Valid) checks.get(2)).plan();
        assertThat(pic.source().line()).isEqualTo(4);
        assertThat(pic.id()).isEqualTo("pic");
        assertThat(pic.size()).isEqualTo(new ImageSize(1024, 1024));
        assertThat(pic.quality()).isEqualTo("medium");
    }

    private static RowPlan planOf(String image) {
        Map<String, String> cells = validCells();
        cells.put("image", image);
        RowCheck check = validator(NO_DEFAULTS).check(new ManifestRow(1, 2, cells));
        assertThat(check).isInstanceOf(RowCheck.Valid.class);
        return ((RowCheck.Valid) check).plan();
    }

    private static RowValidator validator(RowDefaults defaults) {
        return LocalValidators.inFolder(dir, defaults);
    }

    private static Map<String, String> validCells() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("id", "");
        cells.put("image", "cup.png");
        cells.put("prompt", "a marble counter");
        cells.put("size", "1024x1024");
        cells.put("quality", "high");
        cells.put("background", "auto");
        return cells;
    }

    private static Arguments valid(String column, String value) {
        return arguments(column, value, null, null);
    }

    private static Arguments rejected(String column, String value, String field, String rule) {
        return arguments(column, value, field, rule);
    }
}
