package io.backdrop.cli;

import io.backdrop.job.RunParameters;
import io.backdrop.manifest.ManifestFormatException;
import io.backdrop.manifest.ManifestScan;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowDefaults;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a new job over a manifest: validate every row, call the API for the valid ones, "
                + "publish the results and results.csv.")
public class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The CSV manifest.")
    String manifest;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where results are published.")
    String output;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt for rows whose prompt cell is empty.")
    String prompt;

    @Option(names = "--size", paramLabel = "WxH", description = "Size for rows whose size cell is empty, e.g. 1024x1024.")
    String size;

    @Option(names = "--quality", paramLabel = "LEVEL", description = "low, medium or high, for rows whose quality cell is empty.")
    String quality;

    @Option(names = "--background", paramLabel = "MODE", defaultValue = "auto",
            description = "auto or opaque, for rows whose background cell is empty (default: ${DEFAULT-VALUE}).")
    String background;

    @Mixin
    ApiOptions api;

    @Mixin
    JobOptions job;

    @Mixin ReportingOptions reporting;

    private final ApplicationStarter starter;

    public RunCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        URI manifestLocation = Sources.locate(manifest);
        String outputLocation = Sources.display(Sources.locate(output));
        RunParameters run = new RunParameters(manifestLocation, outputLocation,
                new RowDefaults(prompt, size, quality, background));
        return JobSession.execute(starter, api, job, reporting, spec.commandLine().getOut(), spec.commandLine().getErr(),
                (context, runner) -> {
            scan(context.getBean(Sources.class), manifestLocation);
            return runner.start(run);
        });
    }

    /** Reads the whole manifest once, so that a malformed one is refused before anything is paid for. */
    private static void scan(Sources sources, URI manifest) {
        try {
            ManifestScan.scan(Sources.display(manifest), () -> sources.open(manifest));
        } catch (ManifestFormatException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UsageException("cannot read the manifest " + Sources.display(manifest) + ": " + e.getMessage(), e);
        }
    }
}
