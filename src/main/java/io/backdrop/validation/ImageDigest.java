package io.backdrop.validation;

import io.backdrop.model.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An image's bytes summed up in one pass: its SHA-256 (for the {@link RowFingerprint}), its size
 * and its first bytes (for its format), read in constant memory.
 */
public record ImageDigest(byte[] sha256, long bytes, byte[] head) {

    private static final int BUFFER = 64 * 1024;

    public ImageDigest {
        sha256 = sha256.clone();
        head = head.clone();
    }

    /** Reads the stream to its end; does not close it. */
    public static ImageDigest of(InputStream image) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[BUFFER];
        byte[] head = new byte[ImageFormat.SNIFF_BYTES];
        int headLength = 0;
        long bytes = 0;
        for (int n = image.read(buffer); n != -1; n = image.read(buffer)) {
            if (headLength < head.length) {
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
            }
            digest.update(buffer, 0, n);
            bytes += n;
        }
        return new ImageDigest(digest.digest(), bytes, Arrays.copyOf(head, headLength));
    }

    /** As remembered in hex: the digest and the first bytes. */
    public static ImageDigest of(String sha256Hex, long bytes, String headHex) {
        return new ImageDigest(HexFormat.of().parseHex(sha256Hex), bytes, HexFormat.of().parseHex(headHex));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    public String headHex() {
        return HexFormat.of().formatHex(head);
    }

    /** The format its first bytes say; empty for anything the API does not take. */
    public Optional<ImageFormat> format() {
        return ImageFormat.sniff(head);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
