package io.backdrop.job;

import io.backdrop.api.ApiProperties;
import io.backdrop.storage.SourceProperties;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Records, as an execution starts, the settings it runs with that a restart keeps
 * ({@link RunSettings#KEPT_ON_RESTART}): a restart of a {@code --concurrency 4} run runs with 4,
 * not the default, unless told otherwise. Only those settings are written, never the API key.
 */
@Component
public class RunSettingsListener implements JobExecutionListener {

    private static final String PREFIX = "setting.";

    private final JobRepository jobRepository;
    private final JobProperties job;
    private final ApiProperties api;
    private final PartitionProperties partitions;
    private final SourceProperties sources;

    public RunSettingsListener(JobRepository jobRepository, JobProperties job, ApiProperties api,
                               PartitionProperties partitions, SourceProperties sources) {
        this.jobRepository = jobRepository;
        this.job = job;
        this.api = api;
        this.partitions = partitions;
        this.sources = sources;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        RunSettings.keptOnRestart(job, api, partitions, sources).forEach((property, value) ->
                execution.getExecutionContext().putString(PREFIX + property, value));
        jobRepository.updateExecutionContext(execution);
    }

    /**
     * The settings a restart of this execution keeps: those the job instance's latest execution
     * recorded. Empty when there is no such execution; the restart itself then says so.
     */
    public static Map<String, String> keptFor(JobRepository jobRepository, long executionId) {
        return JobExecutions.lookUp(jobRepository, executionId)
                .map(execution -> recorded(jobRepository.getLastJobExecution(execution.getJobInstance())))
                .orElse(Map.of());
    }

    /** The settings an execution recorded, by property; empty for one recorded before settings were. */
    public static Map<String, String> recorded(JobExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        Map<String, String> settings = new TreeMap<>();
        for (var setting : RunSettings.KEPT_ON_RESTART) {
            String key = PREFIX + setting.property();
            if (context.containsKey(key)) {
                settings.put(setting.property(), context.getString(key));
            }
        }
        return settings;
    }
}
