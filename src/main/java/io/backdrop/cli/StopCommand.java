package io.backdrop.cli;

import io.backdrop.job.JobRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Ask a running execution to stop gracefully.",
                "Calls in flight finish and are recorded, then it ends STOPPED and can be restarted.",
                "SIGTERM and Ctrl-C on the run do the same."})
public class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    long executionId;

    private final ApplicationStarter starter;

    public StopCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        return starter.run(context -> {
            context.getBean(JobRunner.class).stop(executionId);
            spec.commandLine().getOut().println("Execution " + executionId
                    + " is STOPPING: it ends once its calls in flight are done (see: backdrop status " + executionId + ")");
            return ExitCodes.OK;
        });
    }
}
