package io.backdrop.cli;

import io.backdrop.api.ApiProperties;
import io.backdrop.job.CreditProperties;
import io.backdrop.job.JobProperties;
import io.backdrop.job.RunParameters;
import io.backdrop.job.RunSettings;
import io.backdrop.jobfile.JobFile;
import io.backdrop.jobfile.JobFileException;
import io.backdrop.jobfile.JobFileReader;
import io.backdrop.model.RowDefaults;
import io.backdrop.model.Setting;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowDefaultsCheck;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What a job is about: a job file, the command line, or both, the command line winning.
 * Shared by {@code run} and {@code plan}, so that a plan is always of the run it announces.
 */
public class JobDefinitionOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOBFILE",
            description = "A job file (YAML, e.g. jobs/nightly-catalog-refresh.yml); options given here override it.")
    Path jobFile;

    @Option(names = "--manifest", paramLabel = "FILE|URI", description = "The CSV manifest: a path, s3://bucket/key or http(s) URL.")
    String manifest;

    @Option(names = "--output", paramLabel = "DIR|URI", description = "Where results are published: a folder or s3://bucket/prefix.")
    String output;

    @Option(names = "--prompt", paramLabel = "TEXT",
            description = "Prompt for rows whose prompt cell is empty; {{column}} is filled from the row.")
    String prompt;

    @Option(names = "--size", paramLabel = "WxH|source",
            description = "Size for rows whose size cell is empty, e.g. 1024x1024, or source (closest to the photo).")
    String size;

    @Option(names = "--quality", paramLabel = "LEVEL", description = "low, medium or high, for rows whose quality cell is empty.")
    String quality;

    @Option(names = "--background", paramLabel = "MODE",
            description = "auto or opaque, for rows whose background cell is empty (default: auto).")
    String background;

    /** A job to run: its parameters, the settings its job file gives, and what it asks to confirm. */
    public record Definition(RunParameters run, Map<String, Object> properties, Integer confirmOver) {
    }

    /** The job to run: a manifest and an output are needed. */
    public Definition resolve() {
        return resolve(true);
    }

    /** The job as far as it is given: {@code plan} needs no output, since nothing is written. */
    public Definition resolve(boolean outputRequired) {
        JobFile file = readJobFile();
        String manifestLocation = firstOf(manifest, file == null ? null : file.manifest());
        String outputLocation = firstOf(output, file == null ? null : file.output());
        if (outputLocation == null && !outputRequired) {
            outputLocation = ".";
        }
        if (manifestLocation == null || outputLocation == null) {
            throw new UsageException("give a JOBFILE, or --manifest and --output"
                    + (manifestLocation == null ? " (no manifest)" : " (no output)"));
        }
        JobFile.Defaults fileDefaults = file == null ? new JobFile.Defaults(null, null, null, null) : file.defaults();
        RowDefaults defaults = new RowDefaults(firstOf(prompt, fileDefaults.prompt()),
                firstOf(size, fileDefaults.size()), firstOf(quality, fileDefaults.quality()),
                firstOf(background, fileDefaults.background()));
        List<String> problems = RowDefaultsCheck.problems(defaults, "--");
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        RunParameters run;
        try {
            run = new RunParameters(Sources.locate(manifestLocation), Sources.display(Sources.locate(outputLocation)),
                    defaults);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return new Definition(run, file == null ? Map.of() : properties(file),
                file == null ? null : file.budget().confirmOver());
    }

    private JobFile readJobFile() {
        if (jobFile == null) {
            return null;
        }
        try {
            return new JobFileReader().read(jobFile);
        } catch (JobFileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The job file's settings as the Spring properties the options set; options given on the command line win. */
    private static Map<String, Object> properties(JobFile file) {
        Map<String, Object> properties = new HashMap<>();
        put(properties, JobProperties.CONCURRENCY, file.concurrency());
        put(properties, ApiProperties.RATE_LIMIT, file.rateLimit());
        put(properties, ApiProperties.MAX_ATTEMPTS, file.retry().maxAttempts());
        put(properties, ApiProperties.INITIAL_BACKOFF, file.retry().initialBackoff());
        put(properties, ApiProperties.MAX_BACKOFF, file.retry().maxBackoff());
        put(properties, ApiProperties.MAX_RETRY_TIME, file.retry().maxRetryTime());
        put(properties, JobProperties.MAX_FAILURES, file.skip().maxFailures());
        put(properties, JobProperties.MAX_FAILURE_RATE, file.skip().maxFailureRate());
        put(properties, JobProperties.FAILURE_WINDOW, file.skip().failureWindow());
        put(properties, JobProperties.MAX_IMAGES, file.budget().maxImages());
        put(properties, CreditProperties.RESERVE, file.budget().reserveCredits());
        if (file.sources().allowHosts() != null) {
            properties.put("backdrop.sources.allow-hosts", String.join(",", file.sources().allowHosts()));
        }
        if (file.sources().allowPrivate() != null) {
            properties.put("backdrop.sources.allow-private", file.sources().allowPrivate());
        }
        return properties;
    }

    private static <T> void put(Map<String, Object> properties, Setting<T> setting, T value) {
        ApiOptions.putIfSet(properties, setting.property(), value);
    }

    private static String firstOf(String given, String fallback) {
        return given != null && !given.isBlank() ? given : fallback;
    }
}
