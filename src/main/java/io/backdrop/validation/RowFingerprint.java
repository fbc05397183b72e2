package io.backdrop.validation;

import io.backdrop.model.ImageSize;
import io.backdrop.model.RowPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What makes two rows the same paid work: the source image's bytes and everything sent with them
 * (rendered prompt, size, quality, background, model). An incremental run reuses an earlier
 * result whose fingerprint is equal instead of paying for it again.
 *
 * <p>A SHA-256 in lower-case hex. The image is hashed on its own, streamed in constant memory,
 * and its digest is one field; every field is preceded by its length, so no two different sets
 * of inputs share an encoding (a prompt ending in "x" and a size starting with it cannot blur).
 * The first field names the scheme, so a future change of what is hashed changes every value
 * rather than silently matching old ones.
 */
public final class RowFingerprint {

    static final String SCHEME = "backdrop-row-fingerprint/1";

    private RowFingerprint() {
    }

    /** The fingerprint of the given inputs; reads the image stream to its end but does not close it. */
    public static String of(InputStream image, String prompt, ImageSize size, String quality, String background,
                            String model) throws IOException {
        return of(ImageDigest.of(image), prompt, size, quality, background, model);
    }

    /**
     * The fingerprint of an image known by its digest (read now, or recorded when it was last
     * read) and the rest of the inputs: the same value as hashing the image again.
     */
    public static String of(ImageDigest image, String prompt, ImageSize size, String quality, String background,
                            String model) {
        MessageDigest row = ImageDigest.sha256Digest();
        field(row, SCHEME);
        field(row, image.sha256());
        field(row, prompt);
        field(row, size.toString());
        field(row, quality);
        field(row, background);
        field(row, model);
        return HexFormat.of().formatHex(row.digest());
    }

    /** The fingerprint of a plan whose image is known by its digest. */
    public static String of(RowPlan plan, ImageDigest image) {
        return of(image, plan.prompt(), plan.size(), plan.quality(), plan.background(), RowPlan.MODEL);
    }

    private static void field(MessageDigest digest, String text) {
        field(digest, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
