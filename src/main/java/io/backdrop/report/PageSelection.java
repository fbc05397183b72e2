package io.backdrop.report;

import io.backdrop.model.RowStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses report.html's rows from every row of a job, offered once each in row order, holding
 * no more than the page shows: every FAILED and REJECTED row up to a cap, the rows with in-doubt
 * calls up to the same cap, and a sample of a fixed size of the rows that went well, spread over
 * the catalog. Rows with thumbnails come first in the sample, those finished in this execution
 * before those an earlier one finished; rows without any fill the sample up.
 */
public final class PageSelection {

    private static final Set<String> PROBLEMS = names(RowStatus.PROBLEMS);
    private static final Set<String> WENT_WELL = names(RowStatus.WENT_WELL);

    private final int cap;
    private final int sampleSize;
    private final Set<Integer> pictured;
    private final List<ReportRow> problems = new ArrayList<>();
    private final List<ReportRow> inDoubt = new ArrayList<>();
    private final List<ReportRow> picturedNow = new ArrayList<>();
    private final List<ReportRow> picturedEarlier = new ArrayList<>();
    private final SpreadSample<ReportRow> plain;
    private long problemsTotal;
    private long inDoubtTotal;
    private long succeeded;

    /**
     * @param cap        the most FAILED and REJECTED rows shown, and the most in-doubt rows
     * @param sampleSize the rows that went well shown
     * @param pictured   the rows that have thumbnails (a few times the sample size at most)
     */
    public PageSelection(int cap, int sampleSize, Set<Integer> pictured) {
        if (cap < 0 || sampleSize < 0) {
            throw new IllegalArgumentException("the report's caps must not be negative");
        }
        this.cap = cap;
        this.sampleSize = sampleSize;
        this.pictured = Set.copyOf(pictured);
        this.plain = new SpreadSample<>(Math.max(1, 2 * sampleSize));
    }

    /** @param thisRun whether this execution finished the row */
    public void offer(ReportRow row, boolean thisRun) {
        if (PROBLEMS.contains(row.status())) {
            problemsTotal++;
            if (problems.size() < cap) {
                problems.add(row);
            }
        }
        if (row.inDoubtCalls() > 0) {
            inDoubtTotal++;
            if (inDoubt.size() < cap) {
                inDoubt.add(row);
            }
        }
        if (WENT_WELL.contains(row.status())) {
            succeeded++;
            if (pictured.contains(row.row())) {
                (thisRun ? picturedNow : picturedEarlier).add(row);
            } else {
                plain.offer(row);
            }
        }
    }

    /** The rows sampled that succeeded in this execution, then those of earlier ones. */
    public List<ReportRow> sampleNow() {
        return SpreadSample.evenly(picturedNow, sampleSize);
    }

    /** Earlier executions' rows with pictures, then rows without any, up to the sample's size; in row order. */
    public List<ReportRow> sampleEarlier() {
        int left = sampleSize - sampleNow().size();
        List<ReportRow> earlier = new ArrayList<>(SpreadSample.evenly(picturedEarlier, left));
        earlier.addAll(SpreadSample.evenly(plain.items(), left - earlier.size()));
        earlier.sort(Comparator.comparingInt(ReportRow::row));
        return earlier;
    }

    /** The rows of the sample whose thumbnails the page shows: the ones to keep in the folder. */
    public Set<Integer> sampledRows() {
        Set<Integer> rows = new HashSet<>();
        sampleNow().forEach(row -> rows.add(row.row()));
        sampleEarlier().forEach(row -> rows.add(row.row()));
        rows.retainAll(pictured);
        return rows;
    }

    public ReportPage page(ReportSummary summary, List<ReportRow> sampleNow, List<ReportRow> sampleEarlier,
                           List<String> pages) {
        return new ReportPage(summary, problems, problemsTotal, inDoubt, inDoubtTotal, sampleNow, sampleEarlier,
                succeeded, pages);
    }

    private static Set<String> names(Set<RowStatus> statuses) {
        return statuses.stream().map(RowStatus::name).collect(Collectors.toUnmodifiableSet());
    }
}
