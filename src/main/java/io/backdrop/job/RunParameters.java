package io.backdrop.job;

import io.backdrop.model.RowDefaults;
import java.net.URI;
import java.util.UUID;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What a job instance is about: its manifest, its output and the defaults its rows take. These
 * are the job's identifying parameters, kept by Spring Batch and reused unchanged on restart.
 * Nothing secret is ever among them.
 */
public record RunParameters(URI manifest, String output, RowDefaults defaults) {

    static final String MANIFEST = "manifest";
    static final String OUTPUT = "output";
    static final String PROMPT = "prompt";
    static final String SIZE = "size";
    static final String QUALITY = "quality";
    static final String BACKGROUND = "background";
    static final String RUN_ID = "run.id";

    /** Parameters for a new job instance: the run id makes every {@code run} its own instance. */
    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(MANIFEST, manifest.toString())
                .addString(OUTPUT, output)
                .addString(PROMPT, defaults.prompt())
                .addString(SIZE, defaults.size())
                .addString(QUALITY, defaults.quality())
                .addString(BACKGROUND, defaults.background())
                .addString(RUN_ID, UUID.randomUUID().toString())
                .toJobParameters();
    }

    /** The id that makes a job instance unique beyond its database's numbering; null for instances made without one. */
    public static String runId(JobParameters parameters) {
        return parameters.getString(RUN_ID);
    }

    public static RunParameters of(JobParameters parameters) {
        return new RunParameters(URI.create(parameters.getString(MANIFEST)), parameters.getString(OUTPUT),
                new RowDefaults(parameters.getString(PROMPT), parameters.getString(SIZE),
                        parameters.getString(QUALITY), parameters.getString(BACKGROUND)));
    }
}
