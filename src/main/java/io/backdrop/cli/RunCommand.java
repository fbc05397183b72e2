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

    @Mixin
    StorageOptions storage;

    private final ApplicationStarter starter;

    public RunCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() throws Exception {
        URI manifestLocation = locate("--manifest", manifest);
        String outputLocation = Sources.display(locate("--output", output));
        RunParameters run = new RunParameters(manifestLocation, outputLocation,
                new RowDefaults(prompt, size, quality, background));
        return JobSession.execute(starter, api, job, storage, spec.commandLine().getOut(), spec.commandLine().getErr(),
                (context, runner) -> {
            scan(context.getBean(Sources.class), manifestLocation);
            return runner.start(run);
        });
    }

    /** A location as typed; text that names none (say, s3:// without a bucket) is a usage error. */
    private static URI locate(String option, String location) {
        try {
            return Sources.locate(location);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + location + " is not a valid location: " + e.getMessage(), e);
        }
    }

    /** Reads the whole manifest once, so that a malformed one is refused before anything is paid for. */
    private static void scan(Sources sources, URI manifest) {
        try {
            ManifestScan.scan(Sources.display(manifest), () -> sources.open(manifest));
        } catch (ManifestFormatException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed endpoint in AWS_ENDPOINT_URL_S3, found when S3 is first used.
            throw new UsageException("cannot read the manifest " + Sources.display(manifest) + ": " + e.getMessage(), e);
        }
    }
}
