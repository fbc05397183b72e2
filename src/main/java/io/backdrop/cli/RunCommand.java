package io.backdrop.cli;

import io.backdrop.job.RunPlan;
import io.backdrop.job.RunPlanner;
import io.backdrop.manifest.ManifestFormatException;
import io.backdrop.manifest.ManifestScan;
import io.backdrop.storage.Sources;
import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
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
    Integer confirmOver;

    @Option(names = "--yes", description = "Answer yes to --confirm-over.")
    boolean yes;

    private final ApplicationStarter starter;

    public RunCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        JobDefinitionOptions.Definition job = definition.resolve();
        Integer threshold = confirmOver != null ? confirmOver : job.confirmOver();
        return JobSession.execute(starter, api, this.job, storage, reporting, job.properties(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), (context, runner) -> {
                    Sources sources = context.getBean(Sources.class);
                    scan(sources, job.run().manifest());
                    if (threshold != null) {
                        boolean force = context.getEnvironment().getProperty("backdrop.job.force", Boolean.class, false);
                        confirm(context.getBean(RunPlanner.class).plan(job.run(), force), threshold);
                    }
                    return runner.start(job.run());
                });
    }

    /** Reads the whole manifest once, so that a malformed one is refused before anything is paid for. */
    static void scan(Sources sources, URI manifest) {
        try {
            ManifestScan.scan(Sources.display(manifest), () -> sources.open(manifest));
        } catch (ManifestFormatException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed endpoint in AWS_ENDPOINT_URL_S3, found when S3 is first used.
            throw new UsageException("cannot read the manifest " + Sources.display(manifest) + ": " + e.getMessage(), e);
        }
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
