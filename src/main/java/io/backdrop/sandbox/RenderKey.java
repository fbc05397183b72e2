package io.backdrop.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Everything a rendered result depends on; equal keys give identical images. */
record RenderKey(String sourceSha256, String prompt, OutputSize size, String quality, String background) {

    /** A name for the rendered file that only this key has. */
    String fileName() {
        String identity = sourceSha256 + '\n' + size + '\n' + quality + '\n' + background + '\n' + prompt;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash) + ".png";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
