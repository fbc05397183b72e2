package io.backdrop.cli;

import io.backdrop.job.JobExecutions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List job executions, newest first.")
public class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    private final ApplicationStarter starter;

    public ListCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        return starter.run(context -> {
            ExecutionReporter reporter = new ExecutionReporter(context, spec.commandLine().getOut());
            var views = context.getBean(JobExecutions.class).list();
            if (json) {
                reporter.printJson(views);
            } else {
                reporter.printTable(views);
            }
            return ExitCodes.OK;
        });
    }
}
