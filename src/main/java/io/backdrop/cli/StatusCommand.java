package io.backdrop.cli;

import io.backdrop.job.ExecutionView;
import io.backdrop.job.JobExecutions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show one execution: its status, row counts by status and last error.")
public class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "As shown by run and list.")
    long executionId;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    private final ApplicationStarter starter;

    public StatusCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        return starter.run(context -> {
            ExecutionView view = context.getBean(JobExecutions.class).get(executionId);
            ExecutionReporter reporter = new ExecutionReporter(context, spec.commandLine().getOut());
            if (json) {
                reporter.printJson(view);
            } else {
                reporter.printSummary(view);
            }
            return ExitCodes.OK;
        });
    }
}
