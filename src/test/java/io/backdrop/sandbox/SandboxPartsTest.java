package io.backdrop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small parts of the sandbox whose rules a round trip does not pin down. */
class SandboxPartsTest {

    @Test
    void settingsNeverPrintTheKey() {
        assertThat(SandboxSettings.defaults().withApiKey("s3cr3t-value").toString()).doesNotContain("s3cr3t-value").contains("****");
    }

    @Test
    void settingsRefuseRatesThatCannotBeShares() {
        assertThatThrownBy(() -> SandboxSettings.defaults().withRate429(0.6).withRate5xx(0.6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxSettings.defaults().withRateDrop(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SandboxSettings.defaults().withRate429(0.5).withRate5xx(0.5).rate5xx()).isEqualTo(0.5);
    }

    @Test
    void latencyStaysWithinItsJitter() {
        GenerationLatency latency = new GenerationLatency(Duration.ofMillis(250), Duration.ofMillis(100), new Random(1));
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Duration next = latency.next();
            assertThat(next).isBetween(Duration.ofMillis(150), Duration.ofMillis(350));
            seen.add(next);
        }
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(new GenerationLatency(Duration.ofMillis(10), Duration.ofMillis(50), new Random(1)).next())
                .isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void randomFaultsComeAtRoughlyTheirRatesAndOnlyWhereTheyApply() {
        RandomFaults faults = new RandomFaults(SandboxSettings.defaults().withRate5xx(0.25).withRateFailed(0.25), new Random(5));
        int serverErrors = 0;
        int failed = 0;
        for (int i = 0; i < 4000; i++) {
            Fault fault = faults.draw(Endpoint.FEATURE).map(PlannedFault::fault).orElse(null);
            if (fault != null && fault.status() >= 500) {
                serverErrors++;
            } else if (fault == Fault.FAILED_RECORD) {
                failed++;
            }
        }
        assertThat(serverErrors).isBetween(850, 1150);
        assertThat(failed).isBetween(850, 1150);
        for (int i = 0; i < 200; i++) {
            assertThat(faults.draw(Endpoint.DOWNLOAD).map(PlannedFault::fault)).isNotEqualTo(java.util.Optional.of(Fault.FAILED_RECORD));
        }
    }

    @Test
    void creditBudgetCountsDownAndNegativeIsUnlimited() {
        CreditBudget two = new CreditBudget(2, TeamAccount.DEFAULT);
        assertThat(two.charge("low")).isNotNull();
        assertThat(two.charge("low")).isNotNull();
        assertThatThrownBy(() -> two.charge("low")).isInstanceOf(RejectedRequest.class)
                .satisfies(refused -> assertThat(((RejectedRequest) refused).status()).isEqualTo(402));
        CreditBudget unlimited = new CreditBudget(-1, TeamAccount.DEFAULT);
        for (int i = 0; i < 100; i++) {
            assertThat(unlimited.charge("low")).isNotNull();
        }
    }

    @Test
    void teamCreditsRiseByEachQualitysCostUntilTheLimitRefusesWith402() {
        CreditBudget team = new CreditBudget(-1, new TeamAccount(10_000, 1_000, Map.of("low", 1_000L, "high", 5_000L), true));

        assertThat(team.charge("low")).isEqualTo(new CreditBudget.Charge(10_000, 2_000));
        assertThat(team.charge("high")).isEqualTo(new CreditBudget.Charge(10_000, 7_000));
        assertThatThrownBy(() -> team.charge("high")).isInstanceOf(RejectedRequest.class)
                .hasMessageContaining("Insufficient credits").hasMessageContaining("7000 of its 10000");
        assertThat(team.charge("low")).as("a refused call is not charged").isEqualTo(new CreditBudget.Charge(10_000, 8_000));
        assertThat(new CreditBudget(-1, new TeamAccount(10_000, 0, Map.of(), false)).charge("low"))
                .as("an account that reports nothing").isNull();
    }

    @Test
    void remotePathsAreUniqueWithinOneMillisecondAndSanitized() {
        RemotePaths paths = new RemotePaths(Clock.fixed(Instant.parse("2026-11-24T15:30:00.123Z"), ZoneOffset.UTC));

        assertThat(paths.asset("cat.png")).isEqualTo("images/2026_11_24_15_30_00_123_cat.png");
        assertThat(paths.asset("cat.png")).isEqualTo("images/2026_11_24_15_30_00_124_cat.png");
        assertThat(RemotePaths.sanitize("../../etc/pass wd.png")).isEqualTo("pass_wd.png");
        assertThat(RemotePaths.sanitize("C:\\photos\\été.jpg")).isEqualTo("t_.jpg");
        assertThat(RemotePaths.sanitize("...")).isEqualTo("asset");
        assertThat(RemotePaths.sanitize(null)).isEqualTo("asset");
    }

    @Test
    void theBoundaryIsReadFromAnyCaseAndWithOrWithoutQuotes() {
        assertThat(MultipartAssetReader.boundary("Multipart/Form-Data;charset=UTF-8; Boundary=abc")).isEqualTo("abc");
        assertThat(MultipartAssetReader.boundary("multipart/form-data; boundary=\"a b:c\"")).isEqualTo("a b:c");
        assertThatThrownBy(() -> MultipartAssetReader.boundary("application/json; boundary=abc"))
                .hasMessageContaining("must be multipart/form-data, not application/json");
        assertThatThrownBy(() -> MultipartAssetReader.boundary("multipart/form-data"))
                .hasMessageContaining("needs a boundary");
    }
}
