package io.backdrop.report;

import io.backdrop.job.RowLedger;
import io.backdrop.job.RunParameters;
import io.backdrop.storage.OutputBuckets;
import io.backdrop.storage.S3ClientFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Publishes {@code runs/<executionId>/results.csv} under the output when an execution ends,
 * however it ends. It covers every row of the job instance, so the execution that completes a
 * restarted job reports the rows its predecessors finished too.
 */
public class ResultsReportListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ResultsReportListener.class);

    private final RowLedger ledger;
    private final S3ClientFactory s3;
    private final Path workDirectory;

    public ResultsReportListener(RowLedger ledger, S3ClientFactory s3, Path workDirectory) {
        this.ledger = ledger;
        this.s3 = s3;
        this.workDirectory = workDirectory;
    }

    public static String resultsName(long executionId) {
        return "runs/" + executionId + "/results.csv";
    }

    @Override
    public void afterJob(JobExecution execution) {
        RunParameters run = RunParameters.of(execution.getJobParameters());
        String name = resultsName(execution.getId());
        Path staged = null;
        try {
            staged = Files.createTempFile(workDirectory, "results-", ".csv");
            try (BufferedWriter writer = Files.newBufferedWriter(staged, StandardCharsets.UTF_8);
                 ResultsCsv results = new ResultsCsv(writer)) {
                ledger.forEach(execution.getJobInstance().getInstanceId(), results::add);
            }
            String location = OutputBuckets.open(run.output(), s3).write(name, staged, "text/csv",
                    Map.of("backdrop-execution-id", Long.toString(execution.getId())));
            execution.getExecutionContext().putString("results", location);
        } catch (IOException | RuntimeException e) {
            log.error("could not write {}: {}", name, e.getMessage());
            execution.addFailureException(e);
        } finally {
            if (staged != null) {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException ignored) {
                    // only a temporary copy
                }
            }
        }
    }
}
