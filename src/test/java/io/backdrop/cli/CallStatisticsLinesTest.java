package io.backdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.api.CallObserver.Call;
import io.backdrop.api.CallStatistics.Latency;
import io.backdrop.api.CallStatistics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API lines of the end summary. */
class CallStatisticsLinesTest {

    @Test
    void callsLatencyRetriesAndBytes() {
        CallStatistics statistics = new CallStatistics(Map.of(
                Call.UPLOAD, new Latency(12, Duration.ofMillis(35), Optional.of(Duration.ofMillis(80))),
                Call.FEATURE, new Latency(14, Duration.ofMillis(41_240), Optional.of(Duration.ofSeconds(70))),
                Call.DOWNLOAD, new Latency(12, Duration.ofMillis(400), Optional.empty())),
                Map.of("5xx", 1L, "429", 3L, "timeout", 1L), 4, 14_200_000, 30_149_000);

        assertThat(CallStatisticsLines.of(statistics)).containsExactly(
                "API calls:  upload 12 (mean 35 ms, p95 80 ms), feature 14 (mean 41.2 s, p95 1m 10s), "
                        + "download 12 (mean 400 ms)",
                "Retries:    5 (429: 3, 5xx: 1, timeout: 1); 4 answers were 429",
                "Moved:      14.2 MB up, 30.1 MB down");
    }

    @Test
    void aRunWithoutCallsSaysSo() {
        assertThat(CallStatisticsLines.of(new CallStatistics(Map.of(), Map.of(), 0, 0, 0)))
                .containsExactly("API calls:  none");
    }

    @Test
    void quietRunsShowNoRetries() {
        CallStatistics statistics = new CallStatistics(
                Map.of(Call.UPLOAD, new Latency(1, Duration.ofMillis(3), Optional.empty())), Map.of(), 0, 999, 1000);

        assertThat(CallStatisticsLines.of(statistics)).containsExactly(
                "API calls:  upload 1 (mean 3 ms)", "Retries:    none", "Moved:      999 B up, 1.0 kB down");
    }
}
