package io.backdrop.job;

import java.util.Map;
import org.springframework.batch.core.job.JobExecution;

/**
 * The limits a whole execution keeps: its paid call budget and its skip limit. A partition takes
 * them from what the execution recorded as it started (the manager's settings), not from the
 * settings of the worker process it happens to run in.
 *
 * @param maxImages      paid calls the execution may make; negative for no limit
 * @param maxFailures    failed rows allowed; negative for no limit
 * @param maxFailureRate share of the latest finished rows that may fail
 * @param failureWindow  how many latest finished rows the rate looks at
 */
public record JobLimits(long maxImages, int maxFailures, double maxFailureRate, int failureWindow) {

    /** The limits of this process's own settings: a run that is not partitioned. */
    static JobLimits of(JobProperties properties) {
        return new JobLimits(properties.maxImages() == null ? -1 : properties.maxImages(),
                properties.maxFailures() == null ? -1 : properties.maxFailures(), properties.maxFailureRate(),
                properties.failureWindow());
    }

    /** The limits the execution recorded; those it did not record (unset) take none, or the defaults. */
    static JobLimits recorded(JobExecution execution, JobProperties defaults) {
        Map<String, String> settings = RunSettingsListener.recorded(execution);
        String maxImages = settings.get(JobProperties.MAX_IMAGES.property());
        String maxFailures = settings.get(JobProperties.MAX_FAILURES.property());
        String rate = settings.get(JobProperties.MAX_FAILURE_RATE.property());
        String window = settings.get(JobProperties.FAILURE_WINDOW.property());
        return new JobLimits(maxImages == null ? -1 : JobProperties.MAX_IMAGES.read(maxImages),
                maxFailures == null ? -1 : JobProperties.MAX_FAILURES.read(maxFailures),
                rate == null ? defaults.maxFailureRate() : JobProperties.MAX_FAILURE_RATE.read(rate),
                window == null ? defaults.failureWindow() : JobProperties.FAILURE_WINDOW.read(window));
    }
}
