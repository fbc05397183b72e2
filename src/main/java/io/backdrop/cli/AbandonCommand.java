package io.backdrop.cli;

import io.backdrop.job.JobRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "abandon", mixinStandardHelpOptions = true,
        description = "Mark a stopped or failed execution ABANDONED: its job will not be restarted.")
public class AbandonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    long executionId;

    private final ApplicationStarter starter;

    public AbandonCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        return starter.run(context -> {
            var execution = context.getBean(JobRunner.class).abandon(executionId);
            spec.commandLine().getOut().println("Execution " + executionId + " is " + execution.getStatus());
            return ExitCodes.OK;
        });
    }
}
