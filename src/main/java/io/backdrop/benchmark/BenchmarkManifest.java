package io.backdrop.benchmark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A manifest of many rows over one small photo, each row with its own id. One photo and one prompt
 * let the sandbox render the result once and serve it from its cache, so the benchmark measures
 * Backdrop rather than the emulator's PNG encoder.
 */
final class BenchmarkManifest {

    static final String PHOTO = "product.png";
    static final String PROMPT = "a sunlit marble kitchen counter, soft shadows";
    static final String SIZE = "1024x1024";
    static final String QUALITY = "low";

    private BenchmarkManifest() {
    }

    /** Writes the photo and {@code manifest.csv} into the folder; returns the manifest. */
    static Path write(Path folder, int rows) throws IOException {
        Files.createDirectories(folder);
        writePhoto(folder.resolve(PHOTO));
        Path manifest = folder.resolve("manifest.csv");
        try (BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
            out.write("id,image,prompt,size,quality,background\n");
            for (int row = 1; row <= rows; row++) {
                out.write(String.format("row-%06d,%s,,,,%n", row, PHOTO));
            }
        }
        return manifest;
    }

    private static void writePhoto(Path file) throws IOException {
        ImageIO.write(photo(), "png", file.toFile());
    }

    /** A 480x360 "product": a bottle-like shape on white, a few kilobytes as PNG. */
    static BufferedImage photo() {
        BufferedImage image = new BufferedImage(480, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 480, 360);
            g.setColor(new Color(40, 110, 160));
            g.fillRoundRect(190, 90, 100, 240, 40, 40);
            g.setColor(new Color(230, 190, 60));
            g.fillRect(215, 40, 50, 60);
        } finally {
            g.dispose();
        }
        return image;
    }
}
