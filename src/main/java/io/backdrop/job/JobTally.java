package io.backdrop.job;

import io.backdrop.model.RowStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the partitions of one execution count together, in the database they share: paid calls
 * taken from the budget, failed rows, and the reason to halt once one partition found a limit
 * reached. Each change is one statement, so partitions in many processes count exactly.
 */
@Component
public class JobTally {

    /** The statuses the failure rate looks at: the rows that went well and those that FAILED (not REJECTED ones). */
    private static final List<String> FINISHED = Stream.concat(RowStatus.WENT_WELL.stream(), Stream.of(RowStatus.FAILED))
            .map(Enum::name).toList();

    /** The reason columns' width (migration V10). */
    private static final int REASON_LENGTH = 2000;

    private final JdbcClient jdbc;

    public JobTally(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes a paid call from the execution's budget of {@code limit}; false when it is spent. */
    public boolean takePaidCall(long jobExecutionId, long limit) {
        ensure(jobExecutionId);
        return jdbc.sql("UPDATE BACKDROP_JOB_TALLY SET PAID_CALLS = PAID_CALLS + 1 WHERE JOB_EXECUTION_ID = ? AND PAID_CALLS < ?")
                .params(jobExecutionId, limit).update() == 1;
    }

    /** Counts a failed row; answers how many the execution has failed so far. */
    public long addFailure(long jobExecutionId) {
        ensure(jobExecutionId);
        jdbc.sql("UPDATE BACKDROP_JOB_TALLY SET FAILED_ROWS = FAILED_ROWS + 1 WHERE JOB_EXECUTION_ID = ?")
                .param(jobExecutionId).update();
        return jdbc.sql("SELECT FAILED_ROWS FROM BACKDROP_JOB_TALLY WHERE JOB_EXECUTION_ID = ?")
                .param(jobExecutionId).query(Long.class).single();
    }

    /** Of an execution's latest finished rows, how many were looked at and how many of them failed. */
    public record LatestRows(long finished, long failed) {
    }

    /** The execution's latest {@code window} finished rows, across all its partitions. */
    public LatestRows latestFinished(long jobInstanceId, long jobExecutionId, int window) {
        List<String> latest = jdbc.sql("SELECT STATUS FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = :instance "
                        + "AND JOB_EXECUTION_ID = :execution AND STATUS IN (:finished) "
                        + "ORDER BY JOB_INSTANCE_ID DESC, UPDATED_AT DESC FETCH FIRST :window ROWS ONLY")
                .param("instance", jobInstanceId).param("execution", jobExecutionId).param("finished", FINISHED)
                .param("window", window).query(String.class).list();
        return new LatestRows(latest.size(), latest.stream().filter(RowStatus.FAILED.name()::equals).count());
    }

    /** Records why the execution must halt; the first reason recorded stays. */
    public void halt(long jobExecutionId, String reason) {
        keepFirst("HALT_REASON", jobExecutionId, reason);
    }

    /** Why another partition halted the execution, if one did. */
    public Optional<String> haltReason(long jobExecutionId) {
        return read("HALT_REASON", jobExecutionId);
    }

    /** Records why a partition ended early (stopped or failed), for the manager; the first reason stays. */
    public void endedEarly(long jobExecutionId, String reason) {
        keepFirst("ENDED_EARLY", jobExecutionId, reason);
    }

    /** Why one of the execution's partitions ended early, if one did. */
    public Optional<String> endedEarlyReason(long jobExecutionId) {
        return read("ENDED_EARLY", jobExecutionId);
    }

    private void keepFirst(String column, long jobExecutionId, String reason) {
        ensure(jobExecutionId);
        jdbc.sql("UPDATE BACKDROP_JOB_TALLY SET " + column + " = ? WHERE JOB_EXECUTION_ID = ? AND " + column + " IS NULL")
                .params(reason.length() > REASON_LENGTH ? reason.substring(0, REASON_LENGTH) : reason, jobExecutionId)
                .update();
    }

    private Optional<String> read(String column, long jobExecutionId) {
        return jdbc.sql("SELECT " + column + " FROM BACKDROP_JOB_TALLY WHERE JOB_EXECUTION_ID = ?")
                .param(jobExecutionId).query(String.class).optional();
    }

    private void ensure(long jobExecutionId) {
        if (jdbc.sql("SELECT COUNT(*) FROM BACKDROP_JOB_TALLY WHERE JOB_EXECUTION_ID = ?")
                .param(jobExecutionId).query(Long.class).single() == 0) {
            try {
                jdbc.sql("INSERT INTO BACKDROP_JOB_TALLY (JOB_EXECUTION_ID, PAID_CALLS, FAILED_ROWS) VALUES (?, 0, 0)")
                        .param(jobExecutionId).update();
            } catch (DuplicateKeyException e) {
                // another partition made it first
            }
        }
    }
}
