package io.backdrop.cli;

import io.backdrop.job.PartitionProperties;
import io.backdrop.job.RunPlan;
import io.backdrop.job.ManifestPass;
import io.backdrop.job.RunPlanner;
import io.backdrop.job.RunSettings;
import java.io.Console;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start a new job over a manifest.",
                "Validates every row, calls the API for the valid ones, publishes the results, results.csv and",
                "report.html. Rows whose result an earlier run already made (same photo, prompt and settings)",
                "are REUSED without a call."})
public class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JobDefinitionOptions definition;

    @Mixin
    ApiOptions api;

    @Mixin
    JobOptions job;

    @Mixin
    StorageOptions storage;

    @Mixin ReportingOptions reporting;

    @Option(names = "--confirm-over", paramLabel = "N",
            description = "Ask before paying for more than N rows (on a terminal; elsewhere refuse unless --yes).")
    String confirmOver;

    @Option(names = "--yes", description = "Answer yes to --confirm-over.")
    boolean yes;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Split the manifest into N row ranges worked side by side: on local threads, "
                    + "or by worker processes with --remote. A restart re-runs only unfinished ones.")
    String partitions;

    @Option(names = "--remote",
            description = "Send the partitions to `backdrop worker` processes over RabbitMQ (spring.rabbitmq.*, "
                    + "queue backdrop.remote.queue); needs a shared PostgreSQL database.")
    boolean remote;

    private final ApplicationStarter starter;

    public RunCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        JobDefinitionOptions.Definition job = definition.resolve();
        Integer given = OptionValues.read(RunSettings.CONFIRM_OVER, confirmOver);
        Integer threshold = given != null ? given : job.confirmOver();
        Map<String, Object> properties = new HashMap<>(job.properties());
        OptionValues.put(properties, PartitionProperties.PARTITIONS, partitions != null ? partitions : remote ? "1" : null);
        if (remote) {
            properties.put(PartitionProperties.REMOTE.property(), true);
        }
        return JobSession.execute(starter, api, this.job, storage, reporting, properties, List.of(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), (context, runner) -> {
                    URI manifest = job.run().manifest();
                    ManifestPass pass = context.getBean(ManifestPass.class);
                    ManifestReading.pass(manifest, () -> pass.check(manifest));
                    if (threshold != null) {
                        boolean force = context.getEnvironment().getProperty("backdrop.job.force", Boolean.class, false);
                        RunPlanner planner = context.getBean(RunPlanner.class);
                        confirm(ManifestReading.pass(manifest, () -> planner.plan(job.run(), force)), threshold);
                    }
                    return runner.start(job.run());
                });
    }


    private void confirm(RunPlan plan, int threshold) {
        if (plan.toPay() <= threshold || yes) {
            return;
        }
        String question = "This run would pay for " + plan.toPay() + " rows " + plan.toPayByQuality()
                + ", more than --confirm-over " + threshold + ".";
        Console console = System.console();
        if (console == null) {
            throw new UsageException(question + " Not on a terminal: run with --yes to go ahead.");
        }
        String answer = console.readLine("%s Go ahead? [y/N] ", question);
        if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
            throw new UsageException("not confirmed: nothing was paid for");
        }
    }
}
