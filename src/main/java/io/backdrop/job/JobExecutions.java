package io.backdrop.job;

import io.backdrop.model.RowStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/** Reads executions back from the job repository, with their row counts from the ledger. */
@Component
public class JobExecutions {

    /** Where the location of the published results.csv is kept in an execution's context. */
    public static final String RESULTS_KEY = "results";
    /** Where the location of the published report.html is kept in an execution's context. */
    public static final String REPORT_KEY = "report";

    private final JobRepository jobRepository;
    private final RowLedger ledger;
    private final CreditLedger credits;

    public JobExecutions(JobRepository jobRepository, RowLedger ledger, CreditLedger credits) {
        this.jobRepository = jobRepository;
        this.ledger = ledger;
        this.credits = credits;
    }

    /** Every execution of the Backdrop job, newest first. */
    public List<ExecutionView> list() {
        List<ExecutionView> views = new ArrayList<>();
        for (JobInstance instance : jobRepository.getJobInstances(BackdropJobConfiguration.JOB_NAME, 0, Integer.MAX_VALUE)) {
            for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
                // Without credits: they are read from every paid call's record, too much for a list of all.
                views.add(view(execution, false));
            }
        }
        views.sort(Comparator.comparingLong(ExecutionView::executionId).reversed());
        return views;
    }

    public Optional<ExecutionView> find(long executionId) {
        return Optional.ofNullable(jobRepository.getJobExecution(executionId)).map(this::view);
    }

    public ExecutionView view(JobExecution execution) {
        return view(execution, true);
    }

    private ExecutionView view(JobExecution execution, boolean withCredits) {
        RunParameters run = RunParameters.of(execution.getJobParameters());
        long instanceId = execution.getJobInstance().getInstanceId();
        Map<String, Long> rows = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<RowStatus, Long> count : ledger.countByStatus(instanceId).entrySet()) {
            rows.put(count.getKey().name(), count.getValue());
            total += count.getValue();
        }
        rows.put("TOTAL", total);
        String lastError = execution.getExecutionContext().containsKey(RowDispatcher.HALT_REASON)
                ? execution.getExecutionContext().getString(RowDispatcher.HALT_REASON)
                : rootCause(execution.getExitStatus().getExitDescription());
        String results = execution.getExecutionContext().getString(RESULTS_KEY, null);
        String report = execution.getExecutionContext().getString(REPORT_KEY, null);
        return new ExecutionView(execution.getId(), instanceId, execution.getStatus().name(),
                execution.getExitStatus().getExitCode(), execution.getStartTime(), execution.getEndTime(),
                io.backdrop.storage.Sources.display(run.manifest()), run.output(), rows, lastError, results, report,
                withCredits ? credits.summary(execution.getId()) : null);
    }

    /**
     * The innermost cause in an exit description (Spring Batch keeps the failure's stack trace
     * there), without the exception's class name: what went wrong, in the user's terms.
     */
    static String rootCause(String exitDescription) {
        if (exitDescription == null || exitDescription.isBlank()) {
            return null;
        }
        String cause = exitDescription.lines().findFirst().orElse("");
        for (String line : exitDescription.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    }
}
