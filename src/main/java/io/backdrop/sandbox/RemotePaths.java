package io.backdrop.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names stored objects the way 1min.ai does: {@code images/2026_11_24_15_30_00_123_<name>}.
 * The millisecond stamp never repeats (it runs ahead of the clock when calls come faster than one
 * per millisecond), so two uploads of the same file name get two paths.
 */
final class RemotePaths {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss_SSS").withZone(ZoneOffset.UTC);
    private static final int MAX_NAME = 120;

    private final Clock clock;
    private final AtomicLong lastMillis = new AtomicLong();

    RemotePaths(Clock clock) {
        this.clock = clock;
    }

    String asset(String fileName) {
        return "images/" + stamp() + "_" + sanitize(fileName);
    }

    String result() {
        return "images/" + stamp() + "_background_replaced.png";
    }

    /** A file name reduced to letters, digits, dot, dash and underscore, with no leading dots. */
    static String sanitize(String fileName) {
        String base = fileName == null ? "" : fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(safe.length() - MAX_NAME);
        }
        return safe.isEmpty() ? "asset" : safe;
    }

    private String stamp() {
        long now = clock.millis();
        long millis = lastMillis.updateAndGet(last -> Math.max(now, last + 1));
        return STAMP.format(Instant.ofEpochMilli(millis));
    }
}
