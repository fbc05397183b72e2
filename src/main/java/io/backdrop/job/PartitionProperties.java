package io.backdrop.job;

import io.backdrop.model.Setting;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a job's rows are split: into {@code count} partitions (row ranges), worked on local threads
 * or, {@code remote}, by {@code worker} processes that take them from RabbitMQ. Both are kept on
 * restart, since a restart must find the partitions its first execution made.
 *
 * @param count  partitions of the manifest; null or 1 for the single step of a plain run
 * @param remote send the partitions to workers over the broker instead of local threads
 */
@ConfigurationProperties("backdrop.partition")
public record PartitionProperties(Integer count, @DefaultValue("false") boolean remote) {

    /** Far more partitions than workers only adds step executions to the job repository. */
    public static final int MAX_PARTITIONS = 1_000;

    public static final Setting<Integer> PARTITIONS = Setting.wholeNumber("backdrop.partition.count", "--partitions",
            null, 1, MAX_PARTITIONS, "each partition is a step execution in the job repository");

    public static final Setting<Boolean> REMOTE = Setting.flag("backdrop.partition.remote", "--remote", null);

    public static final List<Setting<?>> SETTINGS = List.of(PARTITIONS, REMOTE);

    public PartitionProperties {
        PARTITIONS.check(count);
    }

    /** Whether the rows step is split at all. */
    public boolean partitioned() {
        return count != null && (count > 1 || remote);
    }

    /** How many partitions the manager makes: at least one. */
    public int gridSize() {
        return count == null ? 1 : count;
    }
}
