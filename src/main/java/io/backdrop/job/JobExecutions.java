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
        return lookUp(jobRepository, executionId).map(this::view);
    }

    /** The execution with this id; an unknown one is a {@link JobControlException}. */
    public ExecutionView get(long executionId) {
        return find(executionId).orElseThrow(() -> JobControlException.noExecution(executionId));
    }

    /**
     * The execution with this id, if there is one. The JDBC repository answers an unknown id with
     * an exception ("Incorrect result size: expected 1, actual 0") rather than null.
     */
    static Optional<JobExecution> lookUp(JobRepository repository, long executionId) {
        try {
            return Optional.ofNullable(repository.getJobExecution(executionId));
        } catch (org.springframework.dao.EmptyResultDataAccessException unknown) {
            return Optional.empty();
        }
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
                withCredits ? credits.summary(execution.getId()) : null,
                ledger.inDoubtCalls(instanceId, callsInFlight(execution)));
    }

    /** Whether the execution's CALLING rows are calls still waiting for an answer, not lost ones. */
    private static boolean callsInFlight(JobExecution execution) {
        if (!execution.getStatus().isRunning()) {
            return false;
        }
        ProcessIdentity process = ProcessIdentity.of(execution);
        return process == null || !process.knownDead();
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
