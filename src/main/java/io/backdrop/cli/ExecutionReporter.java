package io.backdrop.cli;

import io.backdrop.api.CallStatistics;
import io.backdrop.job.ExecutionView;
import io.backdrop.job.JobExecutions;
import io.backdrop.model.Elapsed;
import io.backdrop.model.RowStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** Shows executions on the console, as text or JSON, and turns an execution's outcome into the exit code. */
public class ExecutionReporter {

    private final JobExecutions executions;
    private final JsonMapper json;
    private final Environment environment;
    private final MeterRegistry meters;
    private final PrintWriter out;

    public ExecutionReporter(ApplicationContext context, PrintWriter out) {
        this.executions = context.getBean(JobExecutions.class);
        this.json = context.getBean(JsonMapper.class);
        this.environment = context.getEnvironment();
        this.meters = context.getBeanProvider(MeterRegistry.class).getIfAvailable();
        this.out = out;
    }

    /** The end-of-run summary; answers the process exit code. */
    public int reportFinished(JobExecution execution) {
        ExecutionView view = executions.view(execution);
        out.println();
        printSummary(view);
        if (meters != null) {
            CallStatisticsLines.of(CallStatistics.read(meters)).forEach(out::println);
        }
        out.println("Job state:  " + StartFailure.databaseLocation(environment));
        return exitCode(view);
    }

    public void printSummary(ExecutionView view) {
        String took = view.startTime() == null || view.endTime() == null ? ""
                : " in " + new Elapsed(Duration.between(view.startTime(), view.endTime()));
        out.printf("Execution %d (job instance %d) %s%s%n", view.executionId(), view.instanceId(), view.status(), took);
        out.printf("Rows:       %d total, %d succeeded, %d reused, %d rejected, %d failed%s%n", view.rows().get("TOTAL"),
                view.rowCount(RowStatus.SUCCEEDED), view.rowCount(RowStatus.REUSED), view.rowCount(RowStatus.REJECTED),
                view.rowCount(RowStatus.FAILED),
                pending(view) > 0 ? ", " + pending(view) + " pending" : "");
        if (view.inDoubtCalls() > 0) {
            out.printf("In doubt:   %d paid call(s) lost their answer and may have been charged without a result "
                    + "(results.csv: in_doubt_calls)%n", view.inDoubtCalls());
        }
        out.println("Manifest:   " + view.manifest());
        out.println("Images:     " + view.output());
        if (view.results() != null) {
            out.println("Results:    " + view.results());
        }
        if (view.report() != null) {
            out.println("Report:     " + view.report());
        }
        if (view.credits() != null) {
            view.credits().lines().forEach(line -> out.println("Credits:    " + line));
        }
        if (view.lastError() != null) {
            out.println("Last error: " + view.lastError());
        }
    }

    public void printJson(Object value) {
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    public void printTable(List<ExecutionView> views) {
        out.printf("%-9s %-10s %-19s %-19s %6s %6s %6s %6s  %s%n", "EXECUTION", "STATUS", "STARTED", "ENDED",
                "ROWS", "OK", "REJ", "FAIL", "MANIFEST");
        for (ExecutionView view : views) {
            out.printf("%-9d %-10s %-19s %-19s %6d %6d %6d %6d  %s%n", view.executionId(), view.status(),
                    time(view.startTime()), time(view.endTime()), view.rows().get("TOTAL"),
                    view.rowCount(RowStatus.SUCCEEDED) + view.rowCount(RowStatus.REUSED), view.rowCount(RowStatus.REJECTED),
                    view.rowCount(RowStatus.FAILED), view.manifest());
        }
    }

    /** 0 every row succeeded; 3 completed with rejected or failed rows; 1 failed or stopped. */
    public static int exitCode(ExecutionView view) {
        if (!"COMPLETED".equals(view.status())) {
            return ExitCodes.JOB_FAILED;
        }
        return view.rowCount(RowStatus.REJECTED) + view.rowCount(RowStatus.FAILED) + pending(view) > 0
                ? ExitCodes.ROWS_NOT_SUCCEEDED : ExitCodes.OK;
    }

    private static long pending(ExecutionView view) {
        return RowStatus.UNFINISHED.stream().mapToLong(view::rowCount).sum();
    }


    private static String time(java.time.LocalDateTime time) {
        return time == null ? "-" : time.withNano(0).toString().replace('T', ' ');
    }

}
