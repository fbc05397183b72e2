package io.backdrop.job;

import io.backdrop.report.ResultsCsv;
import io.backdrop.report.RunFilePublisher;
import io.backdrop.storage.S3ClientFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Publishes {@code runs/<executionId>/results.csv} under the output when an execution ends,
 * however it ends. It covers every row of the job instance, so the execution that completes a
 * restarted job reports the rows its predecessors finished too.
 */
public class ResultsReportListener implements JobExecutionListener {


    private static final Logger log = LoggerFactory.getLogger(ResultsReportListener.class);

    private final RowLedger ledger;
    private final RunFilePublisher publisher;
    private final JobRepository jobRepository;

    public ResultsReportListener(RowLedger ledger, S3ClientFactory s3, Path workDirectory, JobRepository jobRepository) {
        this.ledger = ledger;
        this.publisher = new RunFilePublisher(s3, workDirectory);
        this.jobRepository = jobRepository;
    }

    public static String resultsName(long executionId) {
        return "runs/" + executionId + "/results.csv";
    }

    @Override
    public void afterJob(JobExecution execution) {
        RunParameters run = RunParameters.of(execution.getJobParameters());
        String name = resultsName(execution.getId());
        try {
            String location = publisher.publish(run.output(), name, "text/csv", execution.getId(), writer -> {
                try (ResultsCsv results = new ResultsCsv(writer)) {
                    ledger.forEach(execution.getJobInstance().getInstanceId(), results::add);
                }
            });
            execution.getExecutionContext().putString(JobExecutions.RESULTS_KEY, location);
            // Saved at once: the job's own last update after the listeners leaves the context as it was.
            jobRepository.updateExecutionContext(execution);
        } catch (IOException | RuntimeException e) {
            log.error("could not write {}: {}", name, e.getMessage());
            execution.addFailureException(e);
        }
    }
}
