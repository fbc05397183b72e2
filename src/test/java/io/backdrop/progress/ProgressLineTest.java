package io.backdrop.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.Elapsed;
import io.backdrop.model.RowStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line and its arithmetic, on a clock the test moves. */
class ProgressLineTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-14T09:00:00Z"));
    private final InstantSource clock = now::get;

    @Test
    void countsRateInFlightAndEta() {
        ProgressTally tally = new ProgressTally(500, clock);
        for (int row = 1; row <= 128; row++) {
            tally.started(row);
        }
        // Of the 8 rows left in progress, 5 call (one more began and ended its call): the rest
        // stage or publish around them.
        for (int row = 120; row <= 126; row++) {
            tally.callStarted(row);
        }
        tally.callEnded(120);
        tally.callEnded(121);
        for (int row = 1; row <= 110; row++) {
            tally.finished(row, RowStatus.SUCCEEDED, false);
        }
        for (int row = 111; row <= 114; row++) {
            tally.finished(row, RowStatus.FAILED, false);
        }
        for (int row = 200; row < 206; row++) {
            tally.finished(row, RowStatus.REJECTED, false);
        }
        tally.abandoned(115);
        tally.abandoned(116);
        tally.abandoned(117);
        tally.abandoned(118);
        tally.abandoned(119);
        tally.abandoned(120);
        advance(Duration.ofSeconds(37).plusMillis(500));

        ProgressSnapshot snapshot = tally.snapshot();

        // 120 rows in 37.5 s is 3.2 rows/s; the 380 left take 118.75 s.
        assertThat(snapshot.done()).isEqualTo(120);
        assertThat(snapshot.rowsInProgress()).isEqualTo(8);
        assertThat(snapshot.callsInFlight()).isEqualTo(5);
        assertThat(snapshot.rowsPerSecond().getAsDouble()).isEqualTo(3.2);
        assertThat(snapshot.eta()).contains(Duration.ofMillis(118_750));
        assertThat(ProgressLine.of(snapshot)).isEqualTo(
                "rows 120/500 (24%): 110 succeeded, 4 failed, 6 rejected; 3.2 rows/s; 5 calls in flight, 8 rows in progress; ETA 0:01:59");
    }

    @Test
    void rowsAnEarlierExecutionFinishedAreDoneButNotPartOfTheRate() {
        ProgressTally tally = new ProgressTally(100, clock);
        for (int row = 1; row <= 60; row++) {
            tally.finished(row, RowStatus.SUCCEEDED, true);
        }
        tally.started(61);
        tally.finished(61, RowStatus.SUCCEEDED, false);
        tally.started(62);
        tally.finished(62, RowStatus.SUCCEEDED, false);
        advance(Duration.ofSeconds(20));

        ProgressSnapshot snapshot = tally.snapshot();

        // 2 rows in 20 s: 6 rows/min, so the 38 left take 380 s.
        assertThat(snapshot.percent()).contains(62);
        assertThat(snapshot.eta()).contains(Duration.ofSeconds(380));
        assertThat(ProgressLine.of(snapshot)).isEqualTo(
                "rows 62/100 (62%): 62 succeeded, 0 failed, 0 rejected; 6.0 rows/min; 0 calls in flight, 0 rows in progress; ETA 0:06:20");
    }

    @Test
    void beforeAnyRowFinishesTheEtaIsUnknown() {
        ProgressTally tally = new ProgressTally(10, clock);
        tally.started(1);

        assertThat(ProgressLine.of(tally.snapshot())).isEqualTo(
                "rows 0/10 (0%): 0 succeeded, 0 failed, 0 rejected; 0.0 rows/s; 0 calls in flight, 1 rows in progress; ETA unknown");
        advance(Duration.ofSeconds(3));
        assertThat(tally.snapshot().eta()).isEmpty();
    }

    @Test
    void anUncountedManifestShowsNoTotalPercentOrEta() {
        ProgressTally tally = new ProgressTally(-1, clock);
        tally.finished(1, RowStatus.REJECTED, false);
        advance(Duration.ofSeconds(2));

        assertThat(ProgressLine.of(tally.snapshot())).isEqualTo(
                "rows 1: 0 succeeded, 0 failed, 1 rejected; 30.0 rows/min; 0 calls in flight, 0 rows in progress");
    }

    @Test
    void aFinishedRunHasNothingLeft() {
        ProgressSnapshot done = new ProgressSnapshot(3, Map.of(RowStatus.SUCCEEDED, 3L), 3, 0, 0, Duration.ofHours(2));

        assertThat(done.eta()).contains(Duration.ZERO);
        assertThat(ProgressLine.of(done)).endsWith("; ETA 0:00:00").startsWith("rows 3/3 (100%)");
    }

    @Test
    void theBarSaysLessAndOnlyWhatIsThere() {
        ProgressSnapshot quiet = new ProgressSnapshot(9, Map.of(RowStatus.SUCCEEDED, 3L), 3, 2, 4, Duration.ofSeconds(1));
        ProgressSnapshot troubled = new ProgressSnapshot(9,
                Map.of(RowStatus.SUCCEEDED, 3L, RowStatus.FAILED, 1L, RowStatus.REJECTED, 2L), 6, 2, 4, Duration.ofSeconds(2));

        assertThat(TerminalProgressBar.extra(quiet)).isEqualTo("ok 3, calls 2, rows 4, 3.0 rows/s");
        assertThat(TerminalProgressBar.extra(troubled)).isEqualTo("ok 3, rejected 2, failed 1, calls 2, rows 4, 3.0 rows/s");
    }

    @Test
    void longEtasKeepCountingHours() {
        assertThat(new Elapsed(Duration.ofHours(27).plusMinutes(3).plusSeconds(9)).toString()).isEqualTo("27:03:09");
    }

    @Test
    void progressModesResolveForTheirOutput() {
        assertThat(ProgressMode.AUTO.resolve(true, null)).isEqualTo(ProgressMode.BAR);
        assertThat(ProgressMode.AUTO.resolve(false, null)).isEqualTo(ProgressMode.LOG);
        assertThat(ProgressMode.AUTO.resolve(true, "true")).isEqualTo(ProgressMode.LOG);
        assertThat(ProgressMode.AUTO.resolve(true, "false")).isEqualTo(ProgressMode.BAR);
        assertThat(ProgressMode.BAR.resolve(false, "true")).isEqualTo(ProgressMode.BAR);
        assertThat(ProgressMode.parse(" Log ")).isEqualTo(ProgressMode.LOG);
    }

    @Test
    void theBarsStreamIsATerminalWhenItsDescriptorNamesATerminalDevice(@TempDir Path dir) throws IOException {
        Path terminal = Files.createSymbolicLink(dir.resolve("2"), Path.of("/dev/pts/3"));
        Path file = Files.createSymbolicLink(dir.resolve("1"), dir.resolve("run.log"));

        assertThat(ProgressMode.isTerminalDevice(terminal)).hasValue(true);
        assertThat(ProgressMode.isTerminalDevice(file)).hasValue(false);
        assertThat(ProgressMode.isTerminalDevice(dir.resolve("no-such-descriptor"))).isEmpty();
    }

    private void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }
}
