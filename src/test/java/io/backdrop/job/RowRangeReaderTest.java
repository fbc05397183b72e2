package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.PendingRow;
import io.backdrop.model.RowDefaults;
import io.backdrop.model.RowStatus;
import io.backdrop.model.Violation;
import io.backdrop.storage.LocalSourceStore;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowValidator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The step's reader over a manifest, with rows an earlier execution finished: those are passed over
 * before anything judges them, their ids still count against later rows, and the watchers are told.
 */
class RowRangeReaderTest {

    private static final String MANIFEST = """
            id,image,prompt,size,quality
            a,a.png,a shelf,1024x1024,low
            b,b.png,a shelf,1024x1024,low
            c,c.png,a shelf,1024x1024,low
            d,d.png,a shelf,1024x1024,low
            b,e.png,a shelf,1024x1024,low
            """;

    private final RowValidator validator = new RowValidator(new RowDefaults("", "", "", ""),
            URI.create("file:///catalog/manifest.csv"), new Sources(List.of(new LocalSourceStore())));
    private final RowAdmission admission = new RowAdmission(validator);
    private final List<String> told = new ArrayList<>();
    private final RowObserver watcher = new RowObserver() {
        @Override
        public void rowFinished(int row, RowStatus status, boolean carriedOver) {
            told.add(row + " " + status + (carriedOver ? " carried over" : ""));
        }
    };

    @Test
    void rowsAnEarlierExecutionFinishedArePassedOverAndOnlyTheOthersAreRead() throws Exception {
        FinishedRows finished = new FinishedRows();
        finished.add(2, RowStatus.SUCCEEDED);
        finished.add(3, RowStatus.REJECTED);
        AtomicInteger ledgerReads = new AtomicInteger();

        List<Integer> read = readAll(RowRange.ALL, () -> {
            ledgerReads.incrementAndGet();
            return finished;
        });

        assertThat(read).containsExactly(1, 4, 5);
        assertThat(told).containsExactly("2 SUCCEEDED carried over", "3 REJECTED carried over");
        assertThat(ledgerReads).as("the ledger is read once, as the step opens").hasValue(1);
    }

    @Test
    void aLaterRowWithTheIdOfAFinishedRowIsStillRejected() throws Exception {
        FinishedRows finished = new FinishedRows();
        finished.add(2, RowStatus.SUCCEEDED);
        List<PendingRow> admitted = new ArrayList<>();

        RowRangeReader reader = reader(RowRange.ALL, () -> finished);
        reader.open(new ExecutionContext());
        for (ManifestRow row = reader.read(); row != null; row = reader.read()) {
            admitted.add(admission.process(row));
        }
        reader.close();

        PendingRow fifth = admitted.get(admitted.size() - 1);
        assertThat(fifth.source().row()).isEqualTo(5);
        assertThat(fifth.violations()).extracting(Violation::rule).containsExactly("duplicates the id of row 2");
    }

    @Test
    void aPartitionPassesOverOnlyItsOwnRange() throws Exception {
        FinishedRows finished = new FinishedRows();
        finished.add(3, RowStatus.SUCCEEDED);

        List<Integer> read = readAll(new RowRange(2, 4), () -> finished);

        assertThat(read).containsExactly(2, 4);
        assertThat(told).containsExactly("3 SUCCEEDED carried over");
    }

    private List<Integer> readAll(RowRange range, Supplier<FinishedRows> ledger) throws Exception {
        RowRangeReader reader = reader(range, ledger);
        reader.open(new ExecutionContext());
        List<Integer> rows = new ArrayList<>();
        for (ManifestRow row = reader.read(); row != null; row = reader.read()) {
            rows.add(row.row());
        }
        reader.close();
        return rows;
    }

    private RowRangeReader reader(RowRange range, Supplier<FinishedRows> ledger) {
        ManifestItemReader manifest = new ManifestItemReader("manifest.csv",
                () -> new ByteArrayInputStream(MANIFEST.getBytes(StandardCharsets.UTF_8)));
        manifest.setName("manifest");
        manifest.setSaveState(false);
        return new RowRangeReader(manifest, range, new CarriedOverRows(ledger, admission, List.of(watcher)));
    }
}
