package io.backdrop.job;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The database's word on which worker works on a partition: one row per partition in hand (its job
 * instance and name), with its owner, the step execution it works and a heartbeat in the
 * database's own clock (so that workers' clocks need not agree). Taking a lease is one statement
 * that succeeds for one worker only.
 */
@Component
public class PartitionLeases {

    /** The owner's heartbeat is older than the timeout: a lease another worker may take. */
    private static final String EXPIRED = "HEARTBEAT < CURRENT_TIMESTAMP - (CAST(? AS DOUBLE PRECISION) * INTERVAL '1' SECOND)";

    private final JdbcClient jdbc;

    public PartitionLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the partition's lease for the owner, to work the given execution of it: when no one
     * holds it, when the owner holds it already, or when its holder's heartbeat is older than
     * {@code timeout}.
     */
    public boolean take(StepExecution partition, String owner, Duration timeout) {
        long instance = partition.getJobExecution().getJobInstance().getInstanceId();
        int taken = jdbc.sql("UPDATE BACKDROP_PARTITION_LEASE SET OWNER = ?, STEP_EXECUTION_ID = ?, JOB_EXECUTION_ID = ?, "
                        + "HEARTBEAT = CURRENT_TIMESTAMP WHERE JOB_INSTANCE_ID = ? AND PARTITION_NAME = ? "
                        + "AND (OWNER = ? OR " + EXPIRED + ")")
                .params(owner, partition.getId(), partition.getJobExecutionId(), instance, partition.getStepName(), owner,
                        seconds(timeout))
                .update();
        if (taken == 1) {
            return true;
        }
        try {
            return jdbc.sql("INSERT INTO BACKDROP_PARTITION_LEASE (JOB_INSTANCE_ID, PARTITION_NAME, STEP_EXECUTION_ID, "
                            + "JOB_EXECUTION_ID, OWNER, HEARTBEAT) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")
                    .params(instance, partition.getStepName(), partition.getId(), partition.getJobExecutionId(), owner)
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Renews the owner's heartbeat; false when the lease is no longer the owner's (it was taken over). */
    public boolean renew(StepExecution partition, String owner) {
        return jdbc.sql("UPDATE BACKDROP_PARTITION_LEASE SET HEARTBEAT = CURRENT_TIMESTAMP "
                        + "WHERE STEP_EXECUTION_ID = ? AND OWNER = ?")
                .params(partition.getId(), owner).update() == 1;
    }

    public void release(StepExecution partition, String owner) {
        jdbc.sql("DELETE FROM BACKDROP_PARTITION_LEASE WHERE STEP_EXECUTION_ID = ? AND OWNER = ?")
                .params(partition.getId(), owner).update();
    }

    /** How many of an execution's partitions are held, by live workers or by ones that died holding them. */
    public long leases(long jobExecutionId) {
        return jdbc.sql("SELECT COUNT(*) FROM BACKDROP_PARTITION_LEASE WHERE JOB_EXECUTION_ID = ?")
                .param(jobExecutionId).query(Long.class).single();
    }

    /** Whether this execution of a partition is held, or was left held by a worker that died with it. */
    public boolean held(StepExecution partition) {
        return jdbc.sql("SELECT COUNT(*) FROM BACKDROP_PARTITION_LEASE WHERE STEP_EXECUTION_ID = ?")
                .param(partition.getId()).query(Long.class).single() > 0;
    }

    /** The owners of an execution's partitions in hand, by step execution id. */
    public Map<Long, String> owners(long jobExecutionId) {
        return jdbc.sql("SELECT STEP_EXECUTION_ID, OWNER FROM BACKDROP_PARTITION_LEASE WHERE JOB_EXECUTION_ID = ?")
                .param(jobExecutionId)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
