package io.backdrop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.api.FeatureRequest;
import io.backdrop.model.ImageFormat;
import io.backdrop.model.ImageSize;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowPlan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowFingerprintTest {

    private static final byte[] IMAGE = "pretend these are the bytes of a photo".getBytes(StandardCharsets.UTF_8);
    private static final ImageSize SIZE = new ImageSize(1024, 1024);

    @TempDir
    Path dir;

    @Test
    void theSameInputsGiveTheSameValue() throws IOException {
        assertThat(fingerprint(IMAGE, "snow", SIZE, "low", "auto", "gpt-image-2"))
                .isEqualTo(fingerprint(IMAGE.clone(), "snow", new ImageSize(1024, 1024), "low", "auto", "gpt-image-2"))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anyOneInputChangedGivesADifferentValue() throws IOException {
        byte[] oneBitOff = IMAGE.clone();
        oneBitOff[oneBitOff.length - 1] ^= 1;
        byte[] longer = (new String(IMAGE, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        Set<String> values = new HashSet<>(List.of(
                fingerprint(IMAGE, "snow", SIZE, "low", "auto", "gpt-image-2"),
                fingerprint(oneBitOff, "snow", SIZE, "low", "auto", "gpt-image-2"),
                fingerprint(longer, "snow", SIZE, "low", "auto", "gpt-image-2"),
                fingerprint(new byte[0], "snow", SIZE, "low", "auto", "gpt-image-2"),
                fingerprint(IMAGE, "Snow", SIZE, "low", "auto", "gpt-image-2"),
                fingerprint(IMAGE, "snow ", SIZE, "low", "auto", "gpt-image-2"),
                fingerprint(IMAGE, "snow", new ImageSize(1024, 1040), "low", "auto", "gpt-image-2"),
                fingerprint(IMAGE, "snow", new ImageSize(1040, 1024), "low", "auto", "gpt-image-2"),
                fingerprint(IMAGE, "snow", SIZE, "medium", "auto", "gpt-image-2"),
                fingerprint(IMAGE, "snow", SIZE, "low", "opaque", "gpt-image-2"),
                fingerprint(IMAGE, "snow", SIZE, "low", "auto", "gpt-image-3")));

        assertThat(values).hasSize(11);
    }

    @Test
    void fieldsAreDelimitedSoTextCannotMoveBetweenThem() throws IOException {
        assertThat(fingerprint(IMAGE, "snow", SIZE, "lowa", "uto", "m"))
                .isNotEqualTo(fingerprint(IMAGE, "snow", SIZE, "low", "auto", "m"));
        assertThat(fingerprint(IMAGE, "snow1024x1024", SIZE, "", "auto", "m"))
                .isNotEqualTo(fingerprint(IMAGE, "snow", SIZE, "1024x1024", "auto", "m"));
        // The image is one field too: its last bytes cannot pass for the start of the prompt.
        byte[] imageAndPrompt = (new String(IMAGE, StandardCharsets.UTF_8) + "snow").getBytes(StandardCharsets.UTF_8);
        assertThat(fingerprint(imageAndPrompt, "", SIZE, "low", "auto", "m"))
                .isNotEqualTo(fingerprint(IMAGE, "snow", SIZE, "low", "auto", "m"));
    }

    @Test
    void theValueIsTheDocumentedDigestOfLengthPrefixedFields() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] imageDigest = MessageDigest.getInstance("SHA-256").digest(IMAGE);
        for (byte[] field : List.of(bytes(RowFingerprint.SCHEME), imageDigest, bytes("snow"), bytes("1024x1024"),
                bytes("low"), bytes("auto"), bytes("gpt-image-2"))) {
            sha.update(new byte[] {(byte) (field.length >>> 24), (byte) (field.length >>> 16), (byte) (field.length >>> 8), (byte) field.length});
            sha.update(field);
        }

        assertThat(fingerprint(IMAGE, "snow", SIZE, "low", "auto", "gpt-image-2"))
                .isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void aPlansFingerprintIsOfItsImagesBytesWithTheApisModel() throws IOException {
        Path photo = TestImages.sample("coffee.png", dir.resolve("coffee.png"));
        RowPlan plan = new RowPlan(new ManifestRow(1, 2, Map.of("image", "coffee.png")), "coffee", photo.toUri(),
                Files.size(photo), ImageFormat.PNG, "a {{title}} on snow, filled", SIZE, "high", "opaque");

        ImageDigest digest;
        try (InputStream in = Files.newInputStream(photo)) {
            digest = ImageDigest.of(in);
        }
        assertThat(RowFingerprint.of(plan, digest)).isEqualTo(
                fingerprint(Files.readAllBytes(photo), "a {{title}} on snow, filled", SIZE, "high", "opaque", FeatureRequest.MODEL));
    }

    @Test
    void anImageLargerThanTheBufferIsHashedWhole() throws IOException {
        byte[] large = new byte[1_000_003];
        large[large.length - 1] = 1;
        byte[] lastByteOff = large.clone();
        lastByteOff[lastByteOff.length - 1] = 2;

        assertThat(fingerprint(large, "snow", SIZE, "low", "auto", "m"))
                .isNotEqualTo(fingerprint(lastByteOff, "snow", SIZE, "low", "auto", "m"));
    }

    private static String fingerprint(byte[] image, String prompt, ImageSize size, String quality, String background,
                                      String model) throws IOException {
        try (InputStream in = new ByteArrayInputStream(image)) {
            return RowFingerprint.of(in, prompt, size, quality, background, model);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
