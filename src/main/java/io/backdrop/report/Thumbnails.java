package io.backdrop.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.springframework.core.io.InputStreamSource;

/**
 * Small JPEG thumbnails as data: URIs, made with bounded memory whatever the image, from bytes
 * the caller already has in hand (a staged source, a downloaded result): it reads nothing else.
 *
 * <p>The dimensions are read from the header before anything is decoded, and an image claiming
 * more pixels than allowed is refused: a few bytes can declare a picture that would need
 * gigabytes. Allowed images are decoded subsampled, so only about twice the thumbnail's edge
 * in pixels is ever held, never the full picture.
 */
public class Thumbnails {

    public static final int DEFAULT_MAX_EDGE = 240;
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private static final float JPEG_QUALITY = 0.8f;

    private final int maxEdge;
    private final long maxPixels;

    public Thumbnails(int maxEdge, long maxPixels) {
        if (maxEdge < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("maxEdge and maxPixels must be positive");
        }
        this.maxEdge = maxEdge;
        this.maxPixels = maxPixels;
    }

    /** The thumbnail, or the reason it cannot be shown. Never throws: a report must not die on one bad picture. */
    public Preview preview(InputStreamSource image) {
        if (image == null) {
            return Preview.placeholder("no image");
        }
        try (InputStream in = image.getInputStream();
             ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                return Preview.placeholder("not an image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                return thumbnail(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Decoders answer corrupt data with all sorts of runtime exceptions; every one means "no preview".
            return Preview.placeholder("no preview: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private Preview thumbnail(ImageReader reader) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width < 1 || height < 1) {
            return Preview.placeholder("no preview: empty image");
        }
        if ((long) width * height > maxPixels) {
            return Preview.placeholder("too large to preview (" + width + "\u00d7" + height + ")");
        }
        // Decode at two to four times the thumbnail's edge: small enough to hold, large enough
        // for the averaging below to smooth out what subsampling skips.
        int step = Math.max(1, Math.max(width, height) / (2 * maxEdge));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        BufferedImage small = shrink(decoded);
        return Preview.of("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(small)),
                small.getWidth(), small.getHeight());
    }

    /** Halves until close, then one last step: bilinear scaling is only smooth over factors up to two. */
    private BufferedImage shrink(BufferedImage image) {
        double scale = Math.min(1.0, (double) maxEdge / Math.max(image.getWidth(), image.getHeight()));
        int targetWidth = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int targetHeight = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        do {
            w = Math.max(targetWidth, w / 2);
            h = Math.max(targetHeight, h / 2);
            current = draw(current, w, h);
        } while (w > targetWidth || h > targetHeight);
        return current;
    }

    /** Onto an opaque white canvas, since JPEG has no alpha: transparent areas show as white. */
    private static BufferedImage draw(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
