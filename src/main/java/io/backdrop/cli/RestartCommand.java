package io.backdrop.cli;

import io.backdrop.job.RunSettingsListener;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.repository.JobRepository;
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
        // The settings are read before the run's application starts, since they shape it
        // (its client, its workers); the options given here are set above them. An execution
        // that does not exist keeps nothing, and the run's application says it does not exist.
        Map<String, Object> kept = new HashMap<>(starter.runOnJobState(
                context -> RunSettingsListener.keptFor(context.getBean(JobRepository.class), executionId)));
        return JobSession.execute(starter, api, job, storage, reporting, kept, out, spec.commandLine().getErr(),
                (context, runner) -> runner.restart(executionId, recover, out::println));
    }
}
