package io.backdrop.job;

import io.backdrop.api.ApiProperties;
import io.backdrop.model.Setting;
import io.backdrop.storage.SourceProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every setting a run takes, wherever it is written (option, job file, property): the one list
 * the command line, the job file reader and the start-up's messages look a setting up in.
 */
public final class RunSettings {

    /** Asked before a run that would pay for more rows than this; a question for the console, not a property. */
    public static final Setting<Integer> CONFIRM_OVER = Setting.wholeNumber(null, "--confirm-over", "budget.confirm-over", 0);

    public static final List<Setting<?>> ALL = Stream.<List<Setting<?>>>of(JobProperties.SETTINGS, ApiProperties.SETTINGS,
            CreditProperties.SETTINGS, PartitionProperties.SETTINGS, List.of(CONFIRM_OVER)).flatMap(List::stream).toList();

    /**
     * The settings a restart keeps from the execution it restarts unless an option overrides
     * them: how the run was carried out (pace, retries, time limits, skip limit, budget) and which
     * sources it may read. Not the API's address or key, which belong to where a restart runs, and
     * never a secret.
     */
    public static final List<Setting<?>> KEPT_ON_RESTART = List.of(JobProperties.CONCURRENCY, JobProperties.MAX_FAILURES,
            JobProperties.MAX_FAILURE_RATE, JobProperties.FAILURE_WINDOW, JobProperties.MAX_IMAGES,
            ApiProperties.RATE_LIMIT, ApiProperties.MAX_ATTEMPTS, ApiProperties.INITIAL_BACKOFF, ApiProperties.MAX_BACKOFF,
            ApiProperties.MAX_RETRY_TIME, ApiProperties.CONNECT_TIMEOUT, ApiProperties.READ_TIMEOUT,
            ApiProperties.TRANSFER_TIMEOUT, PartitionProperties.PARTITIONS, PartitionProperties.REMOTE,
            SourceProperties.ALLOW_PRIVATE, SourceProperties.ALLOW_HOSTS);

    private RunSettings() {
    }

    /** The values of the settings a restart keeps, by property, as text their settings read back; unset ones left out. */
    public static Map<String, String> keptOnRestart(JobProperties job, ApiProperties api, PartitionProperties partitions,
                                                    SourceProperties sources) {
        Map<String, Object> values = new HashMap<>();
        values.put(JobProperties.CONCURRENCY.property(), job.concurrency());
        values.put(JobProperties.MAX_FAILURES.property(), job.maxFailures());
        values.put(JobProperties.MAX_FAILURE_RATE.property(), job.maxFailureRate());
        values.put(JobProperties.FAILURE_WINDOW.property(), job.failureWindow());
        values.put(JobProperties.MAX_IMAGES.property(), job.maxImages());
        values.put(ApiProperties.RATE_LIMIT.property(), api.rateLimit());
        values.put(ApiProperties.MAX_ATTEMPTS.property(), api.maxAttempts());
        values.put(ApiProperties.INITIAL_BACKOFF.property(), api.initialBackoff());
        values.put(ApiProperties.MAX_BACKOFF.property(), api.maxBackoff());
        values.put(ApiProperties.MAX_RETRY_TIME.property(), api.maxRetryTime());
        values.put(ApiProperties.CONNECT_TIMEOUT.property(), api.connectTimeout());
        values.put(ApiProperties.READ_TIMEOUT.property(), api.readTimeout());
        values.put(ApiProperties.TRANSFER_TIMEOUT.property(), api.transferTimeout());
        // A restart must find the partitions its first execution made, on the same kind of handler.
        values.put(PartitionProperties.PARTITIONS.property(), partitions.count());
        values.put(PartitionProperties.REMOTE.property(), partitions.remote());
        // The sources the job reads: a restart without them would reject its rows on a private host for good.
        values.put(SourceProperties.ALLOW_PRIVATE.property(), sources.allowPrivate());
        values.put(SourceProperties.ALLOW_HOSTS.property(),
                sources.allowHosts().isEmpty() ? null : String.join(",", sources.allowHosts()));
        Map<String, String> kept = new TreeMap<>();
        for (Setting<?> setting : KEPT_ON_RESTART) {
            Object value = values.get(setting.property());
            if (value != null) {
                kept.put(setting.property(), value instanceof Duration duration ? Setting.print(duration) : value.toString());
            }
        }
        return kept;
    }

    /** The setting a Spring property sets, e.g. {@code backdrop.job.concurrency}. */
    public static Optional<Setting<?>> byProperty(String property) {
        return ALL.stream().filter(setting -> property.equals(setting.property())).findFirst();
    }
}
