package io.backdrop.validation;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Real image files for validation tests: encoded by ImageIO, or copied from the sample photos. */
final class TestImages {

    private TestImages() {
    }

    static Path png(Path file) throws IOException {
        return encode(file, "png");
    }

    static Path jpeg(Path file) throws IOException {
        return encode(file, "jpg");
    }

    /** A WebP file's RIFF header and a VP8L chunk header, byte by byte (ImageIO has no WebP writer). */
    static Path webp(Path file) throws IOException {
        byte[] bytes = {
                'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P',
                'V', 'P', '8', 'L', 13, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        return Files.write(file, bytes);
    }

    /**
     * A lossless WebP header of the given dimensions (a VP8L chunk's first five bytes hold them),
     * enough for a reader's getWidth and getHeight; no pixel data follows.
     */
    static Path webp(Path file, int width, int height) throws IOException {
        long bits = (width - 1L) | (height - 1L) << 14;
        byte[] bytes = {
                'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P',
                'V', 'P', '8', 'L', 13, 0, 0, 0, 0x2F,
                (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24),
                0, 0, 0, 0, 0, 0, 0, 0, 0};
        return Files.write(file, bytes);
    }

    /** One of the real photos in src/test/resources/images (see SOURCES.md there). */
    static Path sample(String name, Path file) throws IOException {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IOException("no test resource /images/" + name);
            }
            Files.copy(in, file);
        }
        return file;
    }

    /**
     * A PNG's header, a hole and its end chunk: a whole-looking file of the given size that takes
     * no disk space to write.
     */
    static Path sparsePng(Path file, long size) throws IOException {
        png(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size - 12);
            raf.write(new byte[] {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82});
        }
        return file;
    }

    static Path text(Path file) throws IOException {
        return Files.writeString(file, "this is not an image, whatever its name says\n", StandardCharsets.UTF_8);
    }

    private static Path encode(Path file, String format) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, Color.ORANGE.getRGB());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }
}
