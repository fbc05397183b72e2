package io.backdrop.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Resume a FAILED or STOPPED job where it stopped.",
                "Nothing recorded is paid for again.",
                "An execution left running by a process that died is recovered first.",
                "Runs with the settings of the execution it restarts (concurrency, rate limit, retries,",
                "time limits, skip limit, budget) except those given as options here."})
public class RestartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "Any execution of the job to resume.")
    long executionId;

    @Option(names = "--recover",
            description = "Recover an execution left running even when Backdrop cannot tell its process is gone "
                    + "(it ran on another host). Make sure it is not running.")
    boolean recover;

    @Mixin
    ApiOptions api;

    @Mixin
    JobOptions job;

    @Mixin
    StorageOptions storage;

    @Mixin ReportingOptions reporting;

    private final ApplicationStarter starter;

    public RestartCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        // The options given here are set above the kept settings. An execution that does not
        // exist keeps nothing, and the run's application says it does not exist.
        return JobSession.execute(starter, api, job, storage, reporting, Map.of(), List.of(new KeptSettings(executionId)),
                out, spec.commandLine().getErr(),
                (context, runner) -> runner.restart(executionId, recover, out::println));
    }
}
