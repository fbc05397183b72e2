package io.backdrop.validation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The ids a manifest has used so far, each to the row that used it first, in 24 to 48 bytes an
 * id (a 12-byte slot each, the table at most half full): the duplicate-id rule must not make a job's memory grow with its manifest as a map of
 * strings would. An id is kept as 64 bits of its SHA-256 (folded to lower case); two different
 * ids share them with a probability of about n²/2⁶⁵, once in billions of million-row manifests.
 * Not thread-safe.
 */
final class IdRegistry {

    private static final long EMPTY = 0L;

    private final MessageDigest sha256;
    private long[] keys = new long[1 << 10];
    private int[] rows = new int[1 << 10];
    private int size;

    IdRegistry() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Registers the id for the row; answers the row that used it first, or 0 when it is new. */
    int putIfAbsent(String id, int row) {
        long key = keyOf(id);
        int slot = slotOf(key, keys.length);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return rows[slot];
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        keys[slot] = key;
        rows[slot] = row;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    private long keyOf(String id) {
        byte[] digest = sha256.digest(id.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        long key = ByteBuffer.wrap(digest).getLong();
        return key == EMPTY ? 1L : key;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new int[oldRows.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slotOf(oldKeys[i], keys.length);
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & (keys.length - 1);
                }
                keys[slot] = oldKeys[i];
                rows[slot] = oldRows[i];
            }
        }
    }

    private static int slotOf(long key, int capacity) {
        return (int) (key ^ (key >>> 32)) & (capacity - 1);
    }
}
