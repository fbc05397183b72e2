package io.backdrop.cli;

import io.backdrop.job.ExecutionView;
import io.backdrop.job.JobExecutions;
import io.backdrop.job.RowLedger;
import io.backdrop.model.RowRecord;
import io.backdrop.model.RowStatus;
import io.backdrop.platform.TerminalText;
import io.backdrop.report.ResultsCsv;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "failures", mixinStandardHelpOptions = true,
        description = "List the FAILED and REJECTED rows of an execution's job, with their reasons.")
public class FailuresCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    long executionId;

    @Option(names = "--csv", description = "Print CSV with the columns of results.csv.")
    boolean csv;

    private final ApplicationStarter starter;

    public FailuresCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        return starter.run(context -> {
            ExecutionView view = context.getBean(JobExecutions.class).get(executionId);
            List<RowRecord> rows = context.getBean(RowLedger.class)
                    .withStatus(view.instanceId(), List.copyOf(RowStatus.PROBLEMS));
            PrintWriter out = spec.commandLine().getOut();
            if (csv) {
                // Not closed: that would close the console's stream.
                // Escaped as on the terminal: this is printed, and a cell could hold an escape sequence.
                ResultsCsv results = new ResultsCsv(out, TerminalText::escape);
                rows.forEach(results::add);
                results.flush();
            } else if (rows.isEmpty()) {
                out.println("No failed or rejected rows.");
            } else {
                for (RowRecord row : rows) {
                    // Ids and errors come from manifests and servers: no escape sequence reaches the terminal.
                    out.printf("row %d (line %d) %s %s: %s%n", row.row(), row.line(), TerminalText.escape(row.id()),
                            row.status(), TerminalText.escape(row.error()));
                }
            }
            return ExitCodes.OK;
        });
    }
}
