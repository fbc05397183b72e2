package io.backdrop.job;

import io.backdrop.model.CallSetting;
import io.backdrop.model.CreditSummary;
import io.backdrop.model.RowRecord;
import io.backdrop.model.TeamCredits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The team's credit counter as each paid call's answer reported it (table BACKDROP_CREDIT, one
 * row per paid call), and the figures read back from it. Kept apart from the row ledger: it is
 * written after the row's paid result is, and a figure that cannot be written is logged and lost,
 * never the result.
 */
@Component
public class CreditLedger {

    /** Readings are read back a page at a time, so memory does not grow with a run's paid calls. */
    private static final int PAGE = 1000;

    private static final String READINGS_AFTER = "SELECT ID, QUALITY, IMAGE_SIZE, USED_CREDIT FROM BACKDROP_CREDIT "
            + "WHERE JOB_EXECUTION_ID = ? AND USED_CREDIT IS NOT NULL AND (USED_CREDIT > ? OR (USED_CREDIT = ? AND ID > ?)) "
            + "ORDER BY JOB_EXECUTION_ID, USED_CREDIT, ID FETCH FIRST " + PAGE + " ROWS ONLY";

    private final JdbcClient jdbc;

    public CreditLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One paid call's answer. Throws what the database says, so that the caller, which writes it in
     * the paid result's commit under a savepoint ({@link RowLedger#save(RowRecord, String, Runnable)}),
     * can lose the figure and keep the result.
     */
    public void record(RowRecord record, CallSetting setting, TeamCredits reported) {
        jdbc.sql("INSERT INTO BACKDROP_CREDIT (JOB_INSTANCE_ID, JOB_EXECUTION_ID, ROW_NO, QUALITY, IMAGE_SIZE, "
                        + "CREDIT_LIMIT, USED_CREDIT, RECORDED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(record.jobInstanceId(), record.jobExecutionId(), record.row(), setting.quality(),
                        setting.size(), reported.creditLimit(), reported.usedCredit(), Timestamp.from(Instant.now()))
                .update();
    }

    /**
     * The latest state a job instance's answers reported: the highest used-credit reading, since the
     * counter only rises and answers in flight side by side are recorded in any order (the row
     * inserted last can be an older reading, and a restart seeded with it would pay past its reserve).
     * NOT_REPORTED when no answer reported both figures.
     */
    public TeamCredits latest(long jobInstanceId) {
        return jdbc.sql("SELECT CREDIT_LIMIT, USED_CREDIT FROM BACKDROP_CREDIT WHERE JOB_INSTANCE_ID = ? "
                        + "AND CREDIT_LIMIT IS NOT NULL AND USED_CREDIT IS NOT NULL ORDER BY USED_CREDIT DESC, ID DESC "
                        + "FETCH FIRST 1 ROWS ONLY")
                .param(jobInstanceId)
                .query((rs, n) -> new TeamCredits(rs.getLong(1), rs.getLong(2)))
                .optional().orElse(TeamCredits.NOT_REPORTED);
    }

    /** What an execution's paid calls recorded. */
    public CreditSummary summary(long jobExecutionId) {
        return tally(jobExecutionId).summary(latestOfExecution(jobExecutionId));
    }

    /** What these rows to pay for may cost, from every execution this database has recorded. */
    public CreditEstimate estimate(Map<CallSetting, Integer> toPay) {
        return CreditEstimate.of(toPay, history());
    }

    /** Paid calls and measured rises by setting, over every execution this database has recorded. */
    private Map<CallSetting, CreditTally.Totals> history() {
        Map<CallSetting, CreditTally.Totals> history = new LinkedHashMap<>();
        List<Long> executions = jdbc.sql("SELECT DISTINCT JOB_EXECUTION_ID FROM BACKDROP_CREDIT")
                .query((rs, n) -> rs.getLong(1)).list();
        for (long execution : executions) {
            tally(execution).totals().forEach((setting, totals) -> history.merge(setting, totals, CreditTally.Totals::plus));
        }
        return history;
    }

    /** The execution's calls, fed to a tally in the counter's order, after the ones that reported nothing. */
    private CreditTally tally(long jobExecutionId) {
        CreditTally tally = new CreditTally(1);
        jdbc.sql("SELECT QUALITY, IMAGE_SIZE, COUNT(*) FROM BACKDROP_CREDIT WHERE JOB_EXECUTION_ID = ? "
                        + "AND USED_CREDIT IS NULL GROUP BY QUALITY, IMAGE_SIZE")
                .param(jobExecutionId)
                .query((rs, n) -> Map.entry(new CallSetting(rs.getString(1), rs.getString(2)), rs.getLong(3)))
                .list().forEach(unreported -> {
                    for (long call = 0; call < unreported.getValue(); call++) {
                        tally.add(unreported.getKey(), null);
                    }
                });
        long used = Long.MIN_VALUE;
        long id = Long.MIN_VALUE;
        List<Reading> page;
        do {
            page = jdbc.sql(READINGS_AFTER).params(jobExecutionId, used, used, id).query(CreditLedger::reading).list();
            for (Reading reading : page) {
                tally.add(reading.setting(), reading.used());
                used = reading.used();
                id = reading.id();
            }
        } while (page.size() == PAGE);
        return tally;
    }

    private TeamCredits latestOfExecution(long jobExecutionId) {
        Long limit = jdbc.sql("SELECT CREDIT_LIMIT FROM BACKDROP_CREDIT WHERE JOB_EXECUTION_ID = ? AND CREDIT_LIMIT IS NOT NULL "
                        + "ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY")
                .param(jobExecutionId).query(Long.class).optional().orElse(null);
        // The highest reading, as RunCredits keeps it: answers of calls in flight together are written in any order.
        Long used = jdbc.sql("SELECT MAX(USED_CREDIT) FROM BACKDROP_CREDIT WHERE JOB_EXECUTION_ID = ?")
                .param(jobExecutionId).query(Long.class).list().stream().filter(Objects::nonNull).findFirst().orElse(null);
        return new TeamCredits(limit, used);
    }

    private record Reading(long id, CallSetting setting, long used) {
    }

    private static Reading reading(ResultSet rs, int rowNum) throws SQLException {
        return new Reading(rs.getLong("ID"), new CallSetting(rs.getString("QUALITY"), rs.getString("IMAGE_SIZE")),
                rs.getLong("USED_CREDIT"));
    }
}
