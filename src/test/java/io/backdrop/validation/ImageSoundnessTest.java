package io.backdrop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged images are rejected before anything is paid for, judged from their header and their end. */
class ImageSoundnessTest {

    @TempDir
    Path dir;

    @Test
    void wholeImagesOfEachFormatPass() throws IOException {
        assertThat(check(TestImages.sample("coffee.png", dir.resolve("cup.png")))).isEmpty();
        assertThat(check(TestImages.sample("rocket.jpg", dir.resolve("rocket.jpg")))).isEmpty();
        assertThat(check(TestImages.webp(dir.resolve("pic.webp"), 640, 480))).isEmpty();
    }

    @Test
    void aPngCutAfterItsHeaderIsRejected() throws IOException {
        byte[] photo = Files.readAllBytes(TestImages.sample("coffee.png", dir.resolve("whole.png")));
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(photo, 33));

        assertThat(check(cut)).singleElement().asString().contains("is cut short").contains("IEND");
    }

    @Test
    void aJpegCutInHalfIsRejected() throws IOException {
        byte[] photo = Files.readAllBytes(TestImages.sample("rocket.jpg", dir.resolve("whole.jpg")));
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(photo, photo.length / 2));

        assertThat(check(cut)).singleElement().asString().contains("is cut short").contains("EOI");
    }

    @Test
    void aPngDeclaringAGiantCanvasIsRejected() throws IOException {
        byte[] png = Files.readAllBytes(TestImages.png(dir.resolve("small.png")));
        // IHDR's data (width, height, ...) starts at 16; its CRC covers type and data, bytes 12 to 29.
        ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());

        assertThat(check(Files.write(dir.resolve("giant.png"), png))).singleElement().asString()
                .contains("declares 100000x100000 pixels").contains("at most 16384 a side");
    }

    @Test
    void aJpegPatchedToAGiantCanvasIsRejected() throws IOException {
        byte[] jpeg = Files.readAllBytes(TestImages.sample("rocket.jpg", dir.resolve("whole.jpg")));
        int frame = startOfFrame(jpeg);
        // After the marker: length (2), precision (1), height (2), width (2).
        ByteBuffer.wrap(jpeg).putShort(frame + 5, (short) 65_500).putShort(frame + 7, (short) 65_500);

        assertThat(check(Files.write(dir.resolve("giant.jpg"), jpeg))).singleElement().asString()
                .contains("declares 65500x65500 pixels");
    }

    @Test
    void aWebpShorterThanItsRiffHeaderSaysIsRejected() throws IOException {
        byte[] webp = Files.readAllBytes(TestImages.webp(dir.resolve("whole.webp"), 640, 480));
        ByteBuffer.wrap(webp).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 10_000);

        assertThat(check(Files.write(dir.resolve("cut.webp"), webp))).singleElement().asString()
                .contains("is cut short").contains("declares 10008 bytes, the file has " + webp.length);
    }

    @Test
    void aFileThatIsOnlyASignatureIsRejectedAsDamaged() throws IOException {
        Path signature = Files.write(dir.resolve("sig.png"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13});

        assertThat(check(signature)).singleElement().asString().contains("is damaged");
    }

    /** The image violations of a row that is valid but for its image. */
    private List<String> check(Path image) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put(ManifestRow.ID, "sku");
        cells.put(ManifestRow.IMAGE, image.toString());
        cells.put(ManifestRow.PROMPT, "a marble counter");
        cells.put(ManifestRow.SIZE, "1024x1024");
        cells.put(ManifestRow.QUALITY, "low");
        cells.put(ManifestRow.BACKGROUND, "auto");
        RowCheck check = LocalValidators.inFolder(dir, LocalValidators.NO_DEFAULTS).check(new ManifestRow(1, 2, cells));
        if (check instanceof RowCheck.Rejected rejected) {
            return rejected.violations().stream().map(v -> v.field() + ": " + v.rule()).toList();
        }
        return List.of();
    }

    /** The main image's start-of-frame marker, found by walking the segments (a thumbnail's is inside one). */
    private static int startOfFrame(byte[] jpeg) {
        int at = 2;
        while (at + 4 < jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xC2) {
                return at;
            }
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
        }
        throw new AssertionError("no start-of-frame marker");
    }
}
