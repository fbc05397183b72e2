package io.backdrop.benchmark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    static final String MANIFEST = "manifest.csv";
    /** The header line of the benchmark's manifests, local and S3. */
    static final String HEADER = "id,image,prompt,size,quality,background";

    /**
     * A row as the thread-pool runner needs it.
     *
     * @param id    the row's id, which names its result
     * @param image the photo's path, relative to the manifest's folder
     */
    record Row(String id, String image) {
    }

    private BenchmarkManifest() {
    }

    /** Writes the photo and {@code manifest.csv} into the folder; returns the manifest. */
    static Path write(Path folder, int rows) throws IOException {
        Files.createDirectories(folder);
        writePhoto(folder.resolve(PHOTO));
        Path manifest = folder.resolve(MANIFEST);
        try (BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (int row = 1; row <= rows; row++) {
                out.write(String.format("row-%06d,%s,,,,%n", row, PHOTO));
            }
        }
        return manifest;
    }

    /**
     * The rows of a manifest the benchmark wrote (this class or {@link S3Catalog}): plain ids and
     * paths, no quoting, so the thread-pool runner reads it without Backdrop's reader.
     */
    static List<Row> rows(String manifest) {
        List<String> lines = manifest.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("not a benchmark manifest: its header is not " + HEADER);
        }
        return lines.stream().skip(1).map(line -> line.split(",", -1)).map(fields -> new Row(fields[0], fields[1])).toList();
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
