package io.backdrop.sandbox;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What the sandbox "generates": a canvas of exactly the requested size, filled with a vertical
 * gradient between two colours derived from the prompt (the same prompt always gives the same
 * background, different prompts visibly differ), the source photo scaled to fit 80% of it and
 * centred, and the {@link SandboxMark}.
 */
final class BackgroundRenderer {

    static final double FILL = 0.8;

    private final SandboxMark mark;

    BackgroundRenderer(SandboxMark mark) {
        this.mark = mark;
    }

    BufferedImage render(Path source, String prompt, OutputSize size) throws IOException {
        int width = size.width();
        int height = size.height();
        int fitWidth = Math.max(1, (int) (width * FILL));
        int fitHeight = Math.max(1, (int) (height * FILL));
        BufferedImage photo = read(source, fitWidth, fitHeight);

        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            Color[] palette = palette(prompt);
            g.setPaint(new GradientPaint(0, 0, palette[0], 0, height, palette[1]));
            g.fillRect(0, 0, width, height);

            double scale = Math.min((double) fitWidth / photo.getWidth(), (double) fitHeight / photo.getHeight());
            int drawWidth = Math.max(1, (int) Math.round(photo.getWidth() * scale));
            int drawHeight = Math.max(1, (int) Math.round(photo.getHeight() * scale));
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(photo, (width - drawWidth) / 2, (height - drawHeight) / 2, drawWidth, drawHeight, null);

            mark.draw(g, width, height);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** The gradient's top and bottom colours: hues, saturation and brightness hashed from the prompt. */
    static Color[] palette(String prompt) {
        byte[] hash = sha256(prompt);
        float hue = (hash[0] & 0xFF) / 255f;
        float secondHue = hue + 0.1f + (hash[1] & 0xFF) / 255f * 0.4f;
        float saturation = 0.35f + (hash[2] & 0xFF) / 255f * 0.4f;
        float topBrightness = 0.7f + (hash[3] & 0xFF) / 255f * 0.2f;
        float bottomBrightness = 0.3f + (hash[4] & 0xFF) / 255f * 0.25f;
        return new Color[] {
            Color.getHSBColor(hue, saturation, topBrightness),
            Color.getHSBColor(secondHue, saturation, bottomBrightness)
        };
    }

    /**
     * Decodes the source, skipping rows and columns of a photo far larger than where it will be
     * drawn, so a 50 MB upload does not cost a full-resolution decode.
     */
    private static BufferedImage read(Path source, int fitWidth, int fitHeight) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("the source is not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int sourceWidth = reader.getWidth(0);
                int sourceHeight = reader.getHeight(0);
                int step = Math.max(1, Math.min(sourceWidth / (2 * fitWidth), sourceHeight / (2 * fitHeight)));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
