package io.backdrop.job;

import io.backdrop.model.RowRecord;
import io.backdrop.model.RowRequest;
import io.backdrop.model.RowStatus;
import io.backdrop.report.ContactSheet;
import io.backdrop.report.PageSelection;
import io.backdrop.report.ReportPage;
import io.backdrop.report.ReportProperties;
import io.backdrop.report.ReportRow;
import io.backdrop.report.ReportSummary;
import io.backdrop.report.ResultsCsv;
import io.backdrop.report.RunFilePublisher;
import io.backdrop.report.ThumbnailFolder;
import io.backdrop.storage.S3ClientFactory;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code runs/<executionId>/report.html}, the {@link ContactSheet}, beside results.csv
 * when an execution ends, however it ends. It is made from what the ledger recorded and the
 * thumbnails the workers left in the job instance's {@link ThumbnailFolder}: one pass over the
 * ledger, no manifest, no source image, nothing fetched. A report that cannot be written is
 * logged and does not change the execution's outcome: results.csv is the record, the sheet is
 * for looking.
 */
@Component
public class ContactSheetListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ContactSheetListener.class);
    private static final RowRequest NOTHING_RECORDED = new RowRequest("", "", "", "");

    private final RowLedger ledger;
    private final RunFilePublisher publisher;
    private final ContactSheet sheet = new ContactSheet();
    private final JobRepository jobRepository;
    private final JobProperties properties;
    private final ReportProperties report;
    private final CreditLedger credits;

    public ContactSheetListener(RowLedger ledger, S3ClientFactory s3, JobProperties properties,
                                ReportProperties report, JobRepository jobRepository, CreditLedger credits) {
        this.ledger = ledger;
        this.credits = credits;
        this.jobRepository = jobRepository;
        this.properties = properties;
        this.report = report;
        this.publisher = new RunFilePublisher(s3, properties.workDirectory());
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (!report.contactSheet()) {
            return;
        }
        RunParameters run = RunParameters.of(execution.getJobParameters());
        long instanceId = execution.getJobInstance().getInstanceId();
        String name = ContactSheet.reportName(execution.getId());
        ThumbnailFolder thumbnails = ThumbnailFolder.of(properties.workDirectory(), instanceId,
                RunParameters.runId(execution.getJobParameters()));
        Map<String, Long> counts = counts(instanceId);
        ReportSummary summary = new ReportSummary(execution.getId(), execution.getStatus().name(),
                Sources.display(run.manifest()), run.output(), counts, execution.getStartTime(),
                execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime(),
                credits.summary(execution.getId()));
        try {
            PageSelection selection = new PageSelection(report.failures(), report.sample(), thumbnails.rows());
            RowListing listing = new RowListing(summary, run.output(), rowsOf(counts));
            ledger.forEach(instanceId, record -> {
                ReportRow row = reportRow(record);
                selection.offer(row, record.jobExecutionId() == execution.getId());
                listing.add(row);
            });
            listing.finish();
            ReportPage page = selection.page(summary, withPictures(selection.sampleNow(), thumbnails),
                    withPictures(selection.sampleEarlier(), thumbnails), listing.published());
            String location = publisher.publish(run.output(), name, "text/html; charset=utf-8", execution.getId(),
                    writer -> sheet.write(page, writer));
            execution.getExecutionContext().putString(JobExecutions.REPORT_KEY, location);
            // Saved at once, for status and list: the job's own last update leaves the context as it was.
            jobRepository.updateExecutionContext(execution);
            tidy(thumbnails, selection, execution.getStatus());
        } catch (IOException | RuntimeException e) {
            log.error("could not write {}: {}", name, e.getMessage());
        }
    }

    /** The folder keeps only what the next report of the instance may show; nothing once the instance is complete. */
    private static void tidy(ThumbnailFolder thumbnails, PageSelection selection, BatchStatus status) throws IOException {
        if (status == BatchStatus.COMPLETED) {
            thumbnails.deleteAll();
        } else {
            thumbnails.retainOnly(selection.sampledRows());
        }
    }

    private static List<ReportRow> withPictures(List<ReportRow> rows, ThumbnailFolder thumbnails) {
        Map<Integer, ThumbnailFolder.Pair> pairs = thumbnails.load(rows.stream().map(ReportRow::row).toList());
        return rows.stream().map(row -> {
            ThumbnailFolder.Pair pair = pairs.get(row.row());
            return pair == null ? row : row.withPictures(pair.source(), pair.result());
        }).toList();
    }

    private static ReportRow reportRow(RowRecord record) {
        RowRequest request = record.request() == null ? NOTHING_RECORDED : record.request();
        return new ReportRow(record.row(), record.id(), record.image(), ResultsCsv.statusOf(record), request.prompt(),
                request.size(), request.quality(), request.background(), record.error(), record.inDoubtCalls());
    }

    private static long rowsOf(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows by the status results.csv shows: the final statuses, and PENDING when rows were left unfinished. */
    private Map<String, Long> counts(long instanceId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long pending = 0;
        for (Map.Entry<RowStatus, Long> count : ledger.countByStatus(instanceId).entrySet()) {
            if (count.getKey().finished()) {
                // The usual outcomes always get a filter; the rarer ones (reused) only when they happened.
                if (count.getValue() > 0 || RowStatus.USUAL_OUTCOMES.contains(count.getKey())) {
                    counts.put(count.getKey().name(), count.getValue());
                }
            } else {
                pending += count.getValue();
            }
        }
        if (pending > 0) {
            counts.put(RowStatus.PENDING, pending);
        }
        return counts;
    }

    /**
     * The optional pages listing every row, {@code backdrop.report.page-rows} a page, published as
     * each fills: only one page's rows are ever held.
     */
    private final class RowListing {

        private final ReportSummary summary;
        private final String output;
        private final int pageCount;
        private final List<ReportRow> rows = new ArrayList<>();
        private final List<String> published = new ArrayList<>();

        RowListing(ReportSummary summary, String output, long total) {
            this.summary = summary;
            this.output = output;
            this.pageCount = report.pageRows() == 0 || total == 0 ? 1
                    : 1 + (int) Math.min(Integer.MAX_VALUE - 1, (total + report.pageRows() - 1) / report.pageRows());
        }

        void add(ReportRow row) {
            if (pageCount == 1) {
                return;
            }
            rows.add(row);
            if (rows.size() == report.pageRows()) {
                flush();
            }
        }

        private void flush() {
            // A page past the count the summary gave would not be linked to: the rows are in results.csv.
            int number = published.size() + 2;
            if (rows.isEmpty() || number > pageCount) {
                rows.clear();
                return;
            }
            List<ReportRow> page = List.copyOf(rows);
            rows.clear();
            try {
                publisher.publish(output, ContactSheet.pageName(summary.executionId(), number),
                        "text/html; charset=utf-8", summary.executionId(),
                        writer -> sheet.writeListing(summary, number, pageCount, page, writer));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            published.add(ContactSheet.pageFile(number));
        }

        List<String> published() {
            return List.copyOf(published);
        }

        /** Publishes the last page, however few rows it has. */
        void finish() {
            flush();
        }
    }
}
