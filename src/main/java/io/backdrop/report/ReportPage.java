package io.backdrop.report;

import java.util.List;

/**
 * What report.html shows, chosen so that its size is bounded whatever the job's row count: the
 * rows that need a look first, then a sample of the rows that went well.
 *
 * @param problems       FAILED and REJECTED rows, in row order, up to the cap
 * @param problemsTotal  how many rows FAILED or were REJECTED in all
 * @param inDoubt        rows with paid calls whose answer was lost, up to the cap
 * @param inDoubtTotal   how many rows have such calls in all
 * @param sampleNow      sampled rows that succeeded in this execution
 * @param sampleEarlier  sampled rows that succeeded in an earlier execution of the job
 * @param succeeded      how many rows succeeded (or reused a result) in all
 * @param pages          names of the pages listing every row (report-2.html, ...), beside this one; may be empty
 */
public record ReportPage(ReportSummary summary, List<ReportRow> problems, long problemsTotal, List<ReportRow> inDoubt,
                         long inDoubtTotal, List<ReportRow> sampleNow, List<ReportRow> sampleEarlier, long succeeded,
                         List<String> pages) {

    public ReportPage {
        problems = List.copyOf(problems);
        inDoubt = List.copyOf(inDoubt);
        sampleNow = List.copyOf(sampleNow);
        sampleEarlier = List.copyOf(sampleEarlier);
        pages = List.copyOf(pages);
    }
}
