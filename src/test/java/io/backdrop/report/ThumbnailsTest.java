package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.InputStreamSource;

class ThumbnailsTest {

    @TempDir
    Path dir;

    private final AtomicLong bytesRead = new AtomicLong();
    private final Thumbnails thumbnails = new Thumbnails(240, 100_000_000L);

    @Test
    void aPhotoBecomesAJpegThumbnailNoLongerThanTheMaximumEdge() throws IOException {
        Path coffee = ReportImages.sample("coffee.png", dir);

        Preview preview = thumbnails.preview(counted(coffee));

        BufferedImage thumbnail = decode(preview);
        assertThat(preview.dataUri()).startsWith("data:image/jpeg;base64,");
        assertThat(thumbnail.getWidth()).isEqualTo(240);
        assertThat(thumbnail.getHeight()).isEqualTo(160);
        assertThat(preview.width()).isEqualTo(240);
        assertThat(preview.height()).isEqualTo(160);
    }

    @Test
    void aJpegPhotoIsReadToo() throws IOException {
        Preview preview = thumbnails.preview(counted(ReportImages.sample("rocket.jpg", dir)));

        BufferedImage thumbnail = decode(preview);
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(240);
    }

    @Test
    void aLargeImageIsDecodedSubsampledToAThumbnailWithinTheMaximumEdge() throws IOException {
        Path tall = ReportImages.drawn(dir.resolve("tall.png"), 1200, 4100);

        Preview preview = new Thumbnails(100, 100_000_000L).preview(counted(tall));

        BufferedImage thumbnail = decode(preview);
        assertThat(thumbnail.getHeight()).isEqualTo(100);
        assertThat(thumbnail.getWidth()).isBetween(28, 30);
        // The translucent middle band over blue, on white (JPEG has no alpha): still blue-ish, not black.
        int centre = thumbnail.getRGB(thumbnail.getWidth() / 2, 50);
        assertThat((centre >> 16) & 0xFF).isGreaterThan(100);
    }

    @Test
    void aSmallImageIsNotEnlarged() throws IOException {
        Path small = ReportImages.drawn(dir.resolve("small.png"), 90, 30);

        Preview preview = thumbnails.preview(counted(small));

        assertThat(decode(preview).getWidth()).isEqualTo(90);
        assertThat(preview.height()).isEqualTo(30);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWithoutDecodingIt() throws IOException {
        Path bomb = ReportImages.bomb(dir.resolve("bomb.png"), 100_000, 100_000, 128 * 1024);

        Preview preview = thumbnails.preview(counted(bomb));

        assertThat(preview.dataUri()).isNull();
        assertThat(preview.placeholder()).isEqualTo("too large to preview (100000\u00d7100000)");
        // Decoding would have inflated the image data; no more than the readers' look-ahead was read.
        assertThat(bytesRead.get()).isLessThan(Files.size(bomb) / 4);
    }

    @Test
    void theLimitOnPixelsIsTheOneConfigured() throws IOException {
        Path photo = ReportImages.sample("coffee.png", dir);

        Preview preview = new Thumbnails(240, 600 * 400 - 1).preview(counted(photo));

        assertThat(preview.placeholder()).isEqualTo("too large to preview (600\u00d7400)");
    }

    @Test
    void whatCannotBeReadIsAPlaceholderNeverAnException() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all");
        Path truncated = Files.write(dir.resolve("truncated.png"),
                Arrays.copyOf(Files.readAllBytes(ReportImages.sample("coffee.png", dir)), 200));

        assertThat(thumbnails.preview(counted(text)).placeholder()).isEqualTo("not an image");
        assertThat(thumbnails.preview(counted(truncated)).placeholder()).startsWith("no preview");
        assertThat(thumbnails.preview(counted(dir.resolve("missing.png"))).placeholder()).startsWith("no preview");
        assertThat(thumbnails.preview(() -> {
            throw new IOException("the staged copy is gone");
        }).placeholder()).isEqualTo("no preview: the staged copy is gone");
        assertThat(thumbnails.preview(null).placeholder()).isEqualTo("no image");
    }

    private static BufferedImage decode(Preview preview) throws IOException {
        assertThat(preview.placeholder()).isNull();
        String base64 = preview.dataUri().substring("data:image/jpeg;base64,".length());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertThat(image).as("a decodable JPEG").isNotNull();
        return image;
    }

    /** The file's bytes as a worker hands them over, counting every byte read, to show what was and was not read. */
    private InputStreamSource counted(Path file) {
        return () -> new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
    }
}
