package io.backdrop.validation;

import static io.backdrop.validation.LocalValidators.SOURCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backdrop.model.ImageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceSizeChooserTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}x{1} -> {2}")
    @CsvSource({
            // Square and tiny: the minimum pixel count, rounded up to a valid edge.
            "100, 100, 816x816",
            "512, 512, 816x816",
            // The sample photos: under the minimum, so the minimum at their aspect ratio.
            "600, 400, 1008x672",
            "451, 300, 1008x672",
            "640, 427, 1008x672",
            // Portrait mirrors landscape.
            "400, 600, 672x1008",
            // Wider than 3:1 is clamped to 3:1, and the long edge stays within 3840.
            "4000, 1000, 3456x1152",
            "1000, 4000, 1152x3456",
            "20000, 100, 2448x816",
            // Over the maximum pixel count: the maximum at the source's aspect ratio.
            "10000, 10000, 2880x2880",
            "6000, 4000, 3520x2352",
            // Within the rules already: kept as it is.
            "1024, 1024, 1024x1024",
            "1536, 1024, 1536x1024",
            "3072, 1024, 3072x1024",
            // Within the range but not on the 16 px grid: 16:9 kept to 0.1% beats 1920x1088's 0.7%.
            "1920, 1080, 1936x1088",
            "1, 1, 816x816",
    })
    void closestValidSize(int width, int height, String expected) {
        ImageSize size = SourceSizeChooser.closestTo(width, height);

        assertThat(size.toString()).isEqualTo(expected);
        assertThat(size.violation()).isEmpty();
    }

    @Test
    void everyShapeGetsAValidSizeNearItsAspectRatioAndResolution() {
        Random random = new Random(20_240_601L);
        for (int i = 0; i < 20_000; i++) {
            // Edges spread over orders of magnitude, from a thumbnail to a panorama.
            int width = (int) Math.round(Math.pow(10, 1 + random.nextDouble() * 3.7));
            int height = (int) Math.round(Math.pow(10, 1 + random.nextDouble() * 3.7));

            ImageSize size = SourceSizeChooser.closestTo(width, height);

            String shape = width + "x" + height + " -> " + size;
            assertThat(size.violation()).as(shape).isEmpty();
            double aspect = Math.max(1.0 / 3, Math.min(3, (double) width / height));
            double chosenAspect = (double) size.width() / size.height();
            assertThat(Math.abs(Math.log(chosenAspect / aspect))).as(shape).isLessThan(0.02);
            double pixels = Math.max(ImageSize.MIN_PIXELS, Math.min(ImageSize.MAX_PIXELS, (double) width * height));
            // Never more than the rules allow, and never far below the source's resolution unless the edge rule forces it.
            double edgeCap = (double) ImageSize.MAX_EDGE * ImageSize.MAX_EDGE / Math.max(aspect, 1 / aspect);
            assertThat((double) size.pixels()).as(shape).isGreaterThan(Math.min(pixels, edgeCap) * 0.95);
        }
    }

    @Test
    void noValidSizeOnTheGridIsCloser() {
        Random random = new Random(7L);
        for (int i = 0; i < 200; i++) {
            int width = (int) Math.round(Math.pow(10, 1 + random.nextDouble() * 3.7));
            int height = (int) Math.round(Math.pow(10, 1 + random.nextDouble() * 3.7));
            double aspect = Math.max(1.0 / 3, Math.min(3, (double) width / height));
            double edgeCap = (double) ImageSize.MAX_EDGE * ImageSize.MAX_EDGE / Math.max(aspect, 1 / aspect);
            double pixels = Math.max(ImageSize.MIN_PIXELS, Math.min(Math.min(ImageSize.MAX_PIXELS, edgeCap), (double) width * height));

            ImageSize chosen = SourceSizeChooser.closestTo(width, height);

            double chosenDistance = SourceSizeChooser.distance(chosen, aspect, pixels);
            for (int w = ImageSize.BLOCK; w <= ImageSize.MAX_EDGE; w += ImageSize.BLOCK) {
                for (int h = ImageSize.BLOCK; h <= ImageSize.MAX_EDGE; h += ImageSize.BLOCK) {
                    ImageSize other = new ImageSize(w, h);
                    if (keepsTheRules(other)) {
                        assertThat(SourceSizeChooser.distance(other, aspect, pixels))
                                .as("%dx%d -> %s, but %s", width, height, chosen, other)
                                .isGreaterThanOrEqualTo(chosenDistance);
                    }
                }
            }
        }
    }

    /** The size rules in arithmetic, without building ImageSize's messages for 57,600 sizes a shape. */
    private static boolean keepsTheRules(ImageSize size) {
        return size.pixels() >= ImageSize.MIN_PIXELS && size.pixels() <= ImageSize.MAX_PIXELS
                && size.longEdge() <= ImageSize.MAX_ASPECT * size.shortEdge();
    }

    @Test
    void theSameShapeAlwaysGetsTheSameSize() {
        assertThat(SourceSizeChooser.closestTo(451, 300)).isEqualTo(SourceSizeChooser.closestTo(451, 300));
        assertThat(SourceSizeChooser.closestTo(300, 451)).isEqualTo(new ImageSize(672, 1008));
    }

    @Test
    void dimensionsMustBePositive() {
        assertThatThrownBy(() -> SourceSizeChooser.closestTo(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceSizeChooser.closestTo(100, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourceIsRecognisedWhateverItsCase() {
        assertThat(SourceSizeChooser.isSource("source")).isTrue();
        assertThat(SourceSizeChooser.isSource(" SOURCE ")).isTrue();
        assertThat(SourceSizeChooser.isSource("Source")).isTrue();
        assertThat(SourceSizeChooser.isSource("sources")).isFalse();
        assertThat(SourceSizeChooser.isSource("1024x1024")).isFalse();
        assertThat(SourceSizeChooser.isSource(null)).isFalse();
    }

    @Test
    void dimensionsAreReadFromPngJpegAndWebpHeaders() throws IOException {
        Path png = TestImages.sample("coffee.png", dir.resolve("coffee.png"));
        Path jpeg = TestImages.sample("rocket.jpg", dir.resolve("rocket.jpg"));
        Path webp = TestImages.webp(dir.resolve("wide.webp"), 2000, 700);

        assertThat(ImageDimensions.read(SOURCES.object(png.toUri()))).contains(new ImageDimensions(600, 400));
        assertThat(ImageDimensions.read(SOURCES.object(jpeg.toUri()))).contains(new ImageDimensions(640, 427));
        assertThat(ImageDimensions.read(SOURCES.object(webp.toUri()))).contains(new ImageDimensions(2000, 700));
        assertThat(SourceSizeChooser.forSource(SOURCES.object(png.toUri()))).contains(new ImageSize(1008, 672));
    }

    @Test
    void unreadableDimensionsAreEmpty() throws IOException {
        Path brokenPng = Files.write(dir.resolve("broken.png"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 1, 'x', 'y'});
        Path text = TestImages.text(dir.resolve("notes.png"));

        assertThat(ImageDimensions.read(SOURCES.object(brokenPng.toUri()))).isEmpty();
        assertThat(ImageDimensions.read(SOURCES.object(text.toUri()))).isEmpty();
        assertThat(ImageDimensions.read(SOURCES.object(dir.resolve("missing.png").toUri()))).isEmpty();
        assertThat(SourceSizeChooser.forSource(SOURCES.object(brokenPng.toUri()))).isEmpty();
    }

    @Test
    void theDistanceWeighsAspectOverPixels() {
        double toExactAspect = SourceSizeChooser.distance(new ImageSize(1008, 672), 1.5, 655_360);
        double toNearerPixels = SourceSizeChooser.distance(new ImageSize(992, 672), 1.5, 655_360);

        assertThat(toExactAspect).isLessThan(toNearerPixels);
        assertThat(SourceSizeChooser.distance(new ImageSize(1024, 1024), 1, 1024 * 1024)).isCloseTo(0, within(1e-12));
    }
}
