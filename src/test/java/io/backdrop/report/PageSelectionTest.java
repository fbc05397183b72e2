package io.backdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageSelectionTest {

    @Test
    void failedAndRejectedRowsAreKeptInRowOrderUpToTheCapAndAllCounted() {
        PageSelection selection = new PageSelection(3, 10, Set.of());

        for (int row = 1; row <= 20; row++) {
            selection.offer(row(row, row % 2 == 0 ? "FAILED" : row % 5 == 0 ? "REJECTED" : "SUCCEEDED", 0), false);
        }

        ReportPage page = selection.page(ContactSheetTest.summary(), List.of(), List.of(), List.of());
        assertThat(page.problems()).extracting(ReportRow::row).containsExactly(2, 4, 5);
        assertThat(page.problemsTotal()).isEqualTo(12);
        assertThat(page.succeeded()).isEqualTo(8);
    }

    @Test
    void rowsWithInDoubtCallsAreListedWhateverTheirStatus() {
        PageSelection selection = new PageSelection(5, 10, Set.of());

        selection.offer(row(1, "SUCCEEDED", 1), true);
        selection.offer(row(2, "SUCCEEDED", 0), true);
        selection.offer(row(3, "FAILED", 2), true);

        ReportPage page = selection.page(ContactSheetTest.summary(), List.of(), List.of(), List.of());
        assertThat(page.inDoubt()).extracting(ReportRow::row).containsExactly(1, 3);
        assertThat(page.inDoubtTotal()).isEqualTo(2);
    }

    @Test
    void theSampleTakesThisExecutionsPicturedRowsFirstThenEarlierOnesThenRowsWithoutPictures() {
        PageSelection selection = new PageSelection(5, 4, Set.of(3, 5, 8));

        for (int row = 1; row <= 10; row++) {
            // Rows 5 and 8 were finished by this execution; row 3 by an earlier one.
            selection.offer(row(row, row == 7 ? "FAILED" : row == 9 ? "REUSED" : "SUCCEEDED", 0), row >= 5);
        }

        assertThat(selection.sampleNow()).extracting(ReportRow::row).containsExactly(5, 8);
        assertThat(selection.sampleEarlier()).extracting(ReportRow::row).hasSize(2).startsWith(1).contains(3);
        assertThat(selection.sampledRows()).containsExactlyInAnyOrder(3, 5, 8);
    }

    @Test
    void manyPicturedRowsOfThisExecutionAreThinnedEvenlyToTheSampleSize() {
        Set<Integer> pictured = Set.of(10, 20, 30, 40, 50, 60, 70, 80, 90);
        PageSelection selection = new PageSelection(5, 3, pictured);

        for (int row = 1; row <= 100; row++) {
            selection.offer(row(row, "SUCCEEDED", 0), true);
        }

        assertThat(selection.sampleNow()).extracting(ReportRow::row).containsExactly(10, 50, 90);
        assertThat(selection.sampleEarlier()).isEmpty();
        assertThat(selection.sampledRows()).containsExactlyInAnyOrder(10, 50, 90);
    }

    private static ReportRow row(int row, String status, int inDoubt) {
        return new ReportRow(row, "id-" + row, "i.png", status, "p", "1024x1024", "low", "auto", null, inDoubt);
    }
}
