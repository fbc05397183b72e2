package io.backdrop.job;

import io.backdrop.model.RowRecord;
import io.backdrop.model.RowStatus;
import io.backdrop.report.ContactSheet;
import io.backdrop.report.ReportRow;
import io.backdrop.report.ReportSummary;
import io.backdrop.report.ResultsCsv;
import io.backdrop.report.RunFilePublisher;
import io.backdrop.report.Thumbnails;
import io.backdrop.storage.S3ClientFactory;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code runs/<executionId>/report.html}, the {@link ContactSheet}, beside results.csv
 * when an execution ends, however it ends, covering every row of the job instance. A report that
 * cannot be written is logged and does not change the execution's outcome: results.csv is the
 * record, the sheet is for looking.
 */
@Component
public class ContactSheetListener implements JobExecutionListener {


    private static final Logger log = LoggerFactory.getLogger(ContactSheetListener.class);
    private static final Set<RowStatus> ALWAYS_COUNTED = EnumSet.of(RowStatus.SUCCEEDED, RowStatus.FAILED,
            RowStatus.REJECTED);

    private final RowLedger ledger;
    private final Sources sources;
    private final RunFilePublisher publisher;
    private final ContactSheet sheet;
    private final JobRepository jobRepository;
    private final boolean enabled;

    public ContactSheetListener(RowLedger ledger, Sources sources, S3ClientFactory s3, JobProperties properties,
                                JobRepository jobRepository,
                                @Value("${backdrop.report.contact-sheet:true}") boolean enabled) {
        this.ledger = ledger;
        this.jobRepository = jobRepository;
        this.sources = sources;
        this.publisher = new RunFilePublisher(s3, properties.workDirectory());
        this.sheet = new ContactSheet(new Thumbnails(sources, Thumbnails.DEFAULT_MAX_EDGE, Thumbnails.DEFAULT_MAX_PIXELS));
        this.enabled = enabled;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (!enabled) {
            return;
        }
        RunParameters run = RunParameters.of(execution.getJobParameters());
        long instanceId = execution.getJobInstance().getInstanceId();
        String name = ContactSheet.reportName(execution.getId());
        ReportSummary summary = new ReportSummary(execution.getId(), execution.getStatus().name(),
                Sources.display(run.manifest()), run.output(), counts(instanceId), execution.getStartTime(),
                execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime());
        try {
            String location = publisher.publish(run.output(), name, "text/html; charset=utf-8", execution.getId(),
                    writer -> {
                        try (ContactSheet.OpenSheet page = sheet.open(summary, writer);
                             RequestedRows requested = new RequestedRows(run, sources)) {
                            ledger.forEach(instanceId, record -> page.add(reportRow(run, record, requested)));
                        }
                    });
            execution.getExecutionContext().putString(JobExecutions.REPORT_KEY, location);
            // Saved at once, for status and list: the job's own last update leaves the context as it was.
            jobRepository.updateExecutionContext(execution);
        } catch (IOException | RuntimeException e) {
            log.error("could not write {}: {}", name, e.getMessage());
        }
    }

    private static ReportRow reportRow(RunParameters run, RowRecord record, RequestedRows requested) {
        RequestedRows.Requested asked = requested.of(record.row());
        return new ReportRow(record.row(), record.id(), ResultsCsv.statusOf(record), asked.prompt(), asked.size(),
                asked.quality(), record.error(), source(run, record), result(record));
    }

    private static URI source(RunParameters run, RowRecord record) {
        if (record.image() == null || record.image().isBlank()) {
            return null;
        }
        try {
            return Sources.resolve(run.manifest(), record.image());
        } catch (RuntimeException unusable) {
            // A rejected row's image cell may be no location at all; the sheet then says "no source".
            return null;
        }
    }

    private static URI result(RowRecord record) {
        // A failed row may keep an earlier output location; only a row that ended well shows one.
        if (record.output() == null || !record.status().finished() || record.status() == RowStatus.FAILED) {
            return null;
        }
        return Sources.locate(record.output());
    }

    /** Rows by the status results.csv shows: the final statuses, and PENDING when rows were left unfinished. */
    private Map<String, Long> counts(long instanceId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long pending = 0;
        for (Map.Entry<RowStatus, Long> count : ledger.countByStatus(instanceId).entrySet()) {
            if (count.getKey().finished()) {
                // The usual outcomes always get a filter; the rarer ones (reused) only when they happened.
                if (count.getValue() > 0 || ALWAYS_COUNTED.contains(count.getKey())) {
                    counts.put(count.getKey().name(), count.getValue());
                }
            } else {
                pending += count.getValue();
            }
        }
        if (pending > 0) {
            counts.put("PENDING", pending);
        }
        return counts;
    }
}
