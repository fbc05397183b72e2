package io.backdrop.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Image files for the report tests: real photos, drawn pictures and a decompression bomb. */
final class ReportImages {

    private ReportImages() {
    }

    /** One of the real photos in src/test/resources/images (see SOURCES.md there), copied into a folder. */
    static Path sample(String name, Path folder) throws IOException {
        Path file = folder.resolve(name);
        try (InputStream in = ReportImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IOException("no test resource /images/" + name);
            }
            Files.copy(in, file);
        }
        return file;
    }

    /** A PNG of the given size with a translucent band, so that both scaling and alpha are exercised. */
    static Path drawn(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(250, 200, 40, 128));
        g.fillRect(0, height / 3, width, height / 3);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /**
     * A PNG whose header declares {@code width x height} RGB pixels, followed by the start of a
     * real zlib stream of zero rows: a well-formed file of a few kilobytes that would need
     * {@code 3 x width x height} bytes to decode.
     */
    static Path bomb(Path file, int width, int height, int idatBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, truecolour, deflate, adaptive filter, not interlaced
        chunk(out, "IHDR", header.toByteArray());
        chunk(out, "IDAT", zeros(idatBytes));
        chunk(out, "IEND", new byte[0]);
        return Files.write(file, bytes.toByteArray());
    }

    /** About {@code size} bytes of deflated zeros: each byte of it inflates to roughly a thousand. */
    private static byte[] zeros(int size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] input = new byte[1 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (out.size() < size) {
            deflater.setInput(input);
            int n;
            while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
                out.write(buffer, 0, n);
            }
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
