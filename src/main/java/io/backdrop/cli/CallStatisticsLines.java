package io.backdrop.cli;

import io.backdrop.api.CallObserver.Call;
import io.backdrop.api.CallStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The API's share of the end summary, in three lines:
 * <pre>
 * API calls:  upload 12 (mean 35 ms, p95 80 ms), feature 12 (mean 41.2 s, p95 1m 10s), download 12 (...)
 * Retries:    5 (429: 3, 5xx: 1, timeout: 1); 3 answers were 429
 * Moved:      14.2 MB up, 30.1 MB down
 * </pre>
 */
final class CallStatisticsLines {

    private CallStatisticsLines() {
    }

    static List<String> of(CallStatistics statistics) {
        List<String> lines = new ArrayList<>();
        if (statistics.latency().isEmpty()) {
            lines.add("API calls:  none");
            return lines;
        }
        StringJoiner calls = new StringJoiner(", ");
        statistics.latency().forEach((call, latency) -> calls.add(name(call) + " " + latency.attempts() + " (mean "
                + duration(latency.mean()) + latency.p95().map(p95 -> ", p95 " + duration(p95)).orElse("") + ")"));
        lines.add("API calls:  " + calls);
        StringBuilder retries = new StringBuilder("Retries:    ");
        if (statistics.retries() == 0) {
            retries.append("none");
        } else {
            StringJoiner causes = new StringJoiner(", ");
            statistics.retriesByCause().forEach((cause, count) -> causes.add(cause + ": " + count));
            retries.append(statistics.retries()).append(" (").append(causes).append(')');
        }
        if (statistics.rateLimited() > 0) {
            retries.append("; ").append(statistics.rateLimited())
                    .append(statistics.rateLimited() == 1 ? " answer was 429" : " answers were 429");
        }
        lines.add(retries.toString());
        lines.add("Moved:      " + bytes(statistics.bytesUp()) + " up, " + bytes(statistics.bytesDown()) + " down");
        return lines;
    }

    private static String name(Call call) {
        return call.name().toLowerCase(Locale.ROOT);
    }

    /** Milliseconds under a second, seconds with a decimal under a minute, then minutes and seconds. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds / 60 + "m " + seconds % 60 + "s";
    }

    /** Decimal units, as file sizes are usually shown. */
    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
