package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.storage.LocalSourceStore;
import io.backdrop.storage.Sources;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsTest {

    @TempDir
    Path dir;

    private final BytesReadStore store = new BytesReadStore();
    private final Thumbnails thumbnails = new Thumbnails(new Sources(List.of(store)), 240, 100_000_000L);

    @Test
    void aPhotoBecomesAJpegThumbnailNoLongerThanTheMaximumEdge() throws IOException {
        Path coffee = ReportImages.sample("coffee.png", dir);

        Preview preview = thumbnails.preview(coffee.toUri());

        BufferedImage thumbnail = decode(preview);
        assertThat(preview.dataUri()).startsWith("data:image/jpeg;base64,");
        assertThat(thumbnail.getWidth()).isEqualTo(240);
        assertThat(thumbnail.getHeight()).isEqualTo(160);
        assertThat(preview.width()).isEqualTo(240);
        assertThat(preview.height()).isEqualTo(160);
    }

    @Test
    void aJpegPhotoIsReadToo() throws IOException {
        Preview preview = thumbnails.preview(ReportImages.sample("rocket.jpg", dir).toUri());

        BufferedImage thumbnail = decode(preview);
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(240);
    }

    @Test
    void aLargeImageIsDecodedSubsampledToAThumbnailWithinTheMaximumEdge() throws IOException {
        Path tall = ReportImages.drawn(dir.resolve("tall.png"), 1200, 4100);

        Preview preview = new Thumbnails(new Sources(List.of(store)), 100, 100_000_000L).preview(tall.toUri());

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

        Preview preview = thumbnails.preview(small.toUri());

        assertThat(decode(preview).getWidth()).isEqualTo(90);
        assertThat(preview.height()).isEqualTo(30);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWithoutDecodingIt() throws IOException {
        Path bomb = ReportImages.bomb(dir.resolve("bomb.png"), 100_000, 100_000, 128 * 1024);

        Preview preview = thumbnails.preview(bomb.toUri());

        assertThat(preview.dataUri()).isNull();
        assertThat(preview.placeholder()).isEqualTo("too large to preview (100000\u00d7100000)");
        assertThat(thumbnails.dataUri(bomb.toUri())).isEmpty();
        // Decoding would have inflated the image data; no more than the readers' look-ahead was read.
        assertThat(store.bytesRead.get()).isLessThan(Files.size(bomb) / 4);
    }

    @Test
    void theLimitOnPixelsIsTheOneConfigured() throws IOException {
        Path photo = ReportImages.sample("coffee.png", dir);

        Preview preview = new Thumbnails(new Sources(List.of(store)), 240, 600 * 400 - 1).preview(photo.toUri());

        assertThat(preview.placeholder()).isEqualTo("too large to preview (600\u00d7400)");
    }

    @Test
    void whatCannotBeReadIsAPlaceholderNeverAnException() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all");
        Path truncated = Files.write(dir.resolve("truncated.png"),
                Arrays.copyOf(Files.readAllBytes(ReportImages.sample("coffee.png", dir)), 200));

        assertThat(thumbnails.preview(text.toUri()).placeholder()).isEqualTo("not an image");
        assertThat(thumbnails.preview(truncated.toUri()).placeholder()).startsWith("no preview");
        assertThat(thumbnails.preview(dir.resolve("missing.png").toUri()).placeholder()).startsWith("no preview");
        assertThat(thumbnails.preview(URI.create("gopher://example/x.png")).placeholder())
                .isEqualTo("no preview: unsupported location: gopher://example/x.png");
        assertThat(thumbnails.preview(null).placeholder()).isEqualTo("no image");
    }

    private static BufferedImage decode(Preview preview) throws IOException {
        assertThat(preview.placeholder()).isNull();
        String base64 = preview.dataUri().substring("data:image/jpeg;base64,".length());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertThat(image).as("a decodable JPEG").isNotNull();
        return image;
    }

    /** Local files, counting every byte handed out, to show what was and was not read. */
    private static final class BytesReadStore extends LocalSourceStore {

        final AtomicLong bytesRead = new AtomicLong();

        @Override
        public InputStream open(URI location) throws IOException {
            return new FilterInputStream(super.open(location)) {
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
}
