package io.backdrop.job;

import io.backdrop.model.RowRecord;
import io.backdrop.model.RowRequest;
import io.backdrop.model.RowStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable record of each row's progress. Every write is committed before its save returns,
 * outside any chunk transaction: a crash right after a paid call still leaves the result's URL
 * behind for the restart. Writes of rows saved at the same moment share a commit
 * ({@link GroupCommit}). {@link RowWorkflow} says which stages are written when.
 */
@Component
public class RowLedger {

    private static final String COLUMNS = "JOB_INSTANCE_ID, ROW_NO, LINE_NO, ROW_ID, IMAGE, STATUS, ASSET_PATH, "
            + "AI_RECORD_UUID, RESULT_PATH, TEMPORARY_URL, OUTPUT_LOCATION, ATTEMPTS, ERROR, RETRYABLE, FINGERPRINT, JOB_EXECUTION_ID, UPDATED_AT, "
            + "PROMPT, IMAGE_SIZE, QUALITY, BACKGROUND, IN_DOUBT_CALLS";

    private static final int PAGE = 500;
    /** The statuses whose result can be reused, as SQL: {@link RowStatus#WENT_WELL}. */
    private static final String WENT_WELL = RowStatus.WENT_WELL.stream().map(status -> "'" + status.name() + "'")
            .collect(Collectors.joining(", "));
    private static final RowRequest NO_REQUEST = new RowRequest(null, null, null, null);

    /**
     * A page of an instance's rows after a row number. Ordered by the whole key, not just ROW_NO:
     * only then does H2 read the key in order and stop at the page's end, instead of reading and
     * sorting every row after it for each page.
     */
    static final String PAGE_AFTER = "SELECT " + COLUMNS + " FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = ? AND ROW_NO > ? "
            + "ORDER BY JOB_INSTANCE_ID, ROW_NO FETCH FIRST " + PAGE + " ROWS ONLY";

    /**
     * The newest row with a fingerprint whose result can be reused. Ordered by the whole reuse
     * index, backwards, so the database reads the newest rows first and stops at the first that fits.
     */
    static final String LATEST_SUCCEEDED = "SELECT " + COLUMNS + " FROM BACKDROP_ROW WHERE FINGERPRINT = ? "
            + "AND STATUS IN (" + WENT_WELL + ") ORDER BY FINGERPRINT DESC, UPDATED_AT DESC FETCH FIRST 1 ROWS ONLY";

    /** The newest rows with a fingerprint whose result can be reused, newest first, read as {@link #LATEST_SUCCEEDED} is. */
    static final String NEWEST_SUCCEEDED = "SELECT " + COLUMNS + " FROM BACKDROP_ROW WHERE FINGERPRINT = ? "
            + "AND STATUS IN (" + WENT_WELL + ") ORDER BY FINGERPRINT DESC, UPDATED_AT DESC FETCH FIRST ? ROWS ONLY";

    /** A chunk's rows: a range of the primary key, by instance then row number. */
    static final String CHUNK_LOOKUP = "SELECT " + COLUMNS + " FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = ? AND ROW_NO BETWEEN ? AND ?";

    private static final Logger log = LoggerFactory.getLogger(RowLedger.class);

    private final JdbcClient jdbc;
    private final GroupCommit commits;
    private final TransactionTemplate savepoint;

    public RowLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager, GroupCommit commits) {
        this.jdbc = jdbc;
        this.commits = commits;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** What is recorded of these rows of an instance, by row number; rows with no record are absent. */
    public Map<Integer, RowRecord> findRows(long jobInstanceId, List<Integer> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        // A range, not "ROW_NO IN (...)": H2 does not look an IN list up in the second column of the
        // key, so it read every recorded row of the instance for each chunk, a cost growing with the job.
        Set<Integer> wanted = Set.copyOf(rows);
        return jdbc.sql(CHUNK_LOOKUP)
                .params(jobInstanceId, Collections.min(rows), Collections.max(rows))
                .query(RowLedger::map).list().stream()
                .filter(record -> wanted.contains(record.row()))
                .collect(Collectors.toMap(RowRecord::row, Function.identity()));
    }

    /**
     * The newest SUCCEEDED row, of any job, whose result depended on exactly this fingerprint.
     */
    public Optional<RowRecord> latestSucceeded(String fingerprint) {
        return jdbc.sql(LATEST_SUCCEEDED).param(fingerprint).query(RowLedger::map).optional();
    }

    /** Up to {@code limit} of the newest SUCCEEDED or REUSED rows, of any job, with this fingerprint, newest first. */
    public List<RowRecord> newestSucceeded(String fingerprint, int limit) {
        return jdbc.sql(NEWEST_SUCCEEDED).params(fingerprint, limit).query(RowLedger::map).list();
    }

    /**
     * Records a row's new state, replacing what was there for the same instance and row; returns
     * once it is committed.
     */
    public void save(RowRecord record) {
        commits.commit(() -> write(record));
    }

    /**
     * As {@link #save(RowRecord)}, without waiting for other writes to share the commit: for a
     * record written while its row holds a call slot, which no other row may use meanwhile.
     */
    public void saveNow(RowRecord record) {
        commits.commitNow(() -> write(record));
    }

    /**
     * Records a row's new state and, in the same commit, what goes with it (a paid call's credit
     * figures): one disk write where there would be two. What goes with it runs under a savepoint,
     * so that if it fails, only it is lost, logged, never the row's record.
     *
     * @param what names what goes with the record, for the log
     */
    public void save(RowRecord record, String what, Runnable alongside) {
        AtomicReference<DataAccessException> lost = new AtomicReference<>();
        commits.commit(() -> {
            // Set on each run: a shared commit that failed runs it again, alone.
            lost.set(null);
            write(record);
            try {
                savepoint.executeWithoutResult(nested -> alongside.run());
            } catch (DataAccessException e) {
                lost.set(e);
            }
        });
        // Logged once the record is committed, by the row's own thread.
        if (lost.get() != null) {
            log.warn("row {}: {} not recorded ({}); its record is", record.row(), what,
                    lost.get().getMostSpecificCause().getMessage());
        }
    }

    private void write(RowRecord record) {
        RowRequest request = record.request() == null ? NO_REQUEST : record.request();
        int updated = jdbc.sql("UPDATE BACKDROP_ROW SET LINE_NO = ?, ROW_ID = ?, IMAGE = ?, STATUS = ?, "
                        + "ASSET_PATH = ?, AI_RECORD_UUID = ?, RESULT_PATH = ?, TEMPORARY_URL = ?, "
                        + "OUTPUT_LOCATION = ?, ATTEMPTS = ?, ERROR = ?, RETRYABLE = ?, FINGERPRINT = ?, JOB_EXECUTION_ID = ?, UPDATED_AT = ?, "
                        + "PROMPT = ?, IMAGE_SIZE = ?, QUALITY = ?, BACKGROUND = ?, IN_DOUBT_CALLS = ? "
                        + "WHERE JOB_INSTANCE_ID = ? AND ROW_NO = ?")
                .params(record.line(), storable(record.id()), storable(record.image()), record.status().name(),
                        storable(record.assetPath()), storable(record.aiRecordUuid()), storable(record.resultPath()),
                        storable(record.temporaryUrl()), storable(record.output()), record.attempts(),
                        storable(record.error()), record.retryable(), record.fingerprint(), record.jobExecutionId(),
                        Timestamp.from(record.updatedAt()), storable(request.prompt()), request.size(),
                        request.quality(), request.background(), record.inDoubtCalls(), record.jobInstanceId(),
                        record.row())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO BACKDROP_ROW (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(record.jobInstanceId(), record.row(), record.line(), storable(record.id()),
                            storable(record.image()), record.status().name(), storable(record.assetPath()),
                            storable(record.aiRecordUuid()), storable(record.resultPath()),
                            storable(record.temporaryUrl()), storable(record.output()), record.attempts(),
                            storable(record.error()), record.retryable(), record.fingerprint(), record.jobExecutionId(),
                            Timestamp.from(record.updatedAt()), storable(request.prompt()), request.size(),
                            request.quality(), request.background(), record.inDoubtCalls())
                    .update();
        }
    }

    /**
     * Text as every supported database can hold it. The columns are unbounded (migration V5), so
     * only PostgreSQL's refusal of the NUL character is left: it is shown as U+FFFD instead, since
     * a row's record must never fail to be written (a paid result would be lost with it).
     */
    private static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /**
     * Paid calls of an instance whose answer was lost: those counted on its rows, and one for each
     * row still CALLING, unless {@code callsInFlight} (a running execution's CALLING rows are calls
     * still waiting for their answer).
     */
    public long inDoubtCalls(long jobInstanceId, boolean callsInFlight) {
        return jdbc.sql("SELECT COALESCE(SUM(IN_DOUBT_CALLS), 0) + COALESCE(SUM(CASE WHEN STATUS = 'CALLING' THEN ? ELSE 0 END), 0) "
                        + "FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = ?")
                .params(callsInFlight ? 0 : 1, jobInstanceId)
                .query(Long.class).single();
    }

    /**
     * Every row of an instance in manifest order, a page at a time: JDBC drivers may hold a whole
     * result set in memory, and a job's memory must not grow with its manifest.
     */
    public void forEach(long jobInstanceId, Consumer<RowRecord> action) {
        int after = 0;
        List<RowRecord> page;
        do {
            page = jdbc.sql(PAGE_AFTER).params(jobInstanceId, after).query(RowLedger::map).list();
            page.forEach(action);
            after = page.isEmpty() ? after : page.get(page.size() - 1).row();
        } while (page.size() == PAGE);
    }

    /** The rows of an instance that ended in one of the statuses, in manifest order. */
    public List<RowRecord> withStatus(long jobInstanceId, List<RowStatus> statuses) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = :instance "
                        + "AND STATUS IN (:statuses) ORDER BY ROW_NO")
                .param("instance", jobInstanceId)
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query(RowLedger::map).list();
    }

    /**
     * Rows of an instance, from {@code first} to {@code last}, that a restart has nothing left to
     * do for, as {@link RowRecord#finished()} judges a row: a row with no record, one in the middle
     * of its work and one FAILED for a reason that may pass are not.
     */
    public long finishedRows(long jobInstanceId, int first, int last) {
        return finishedInRange("SELECT COUNT(*)", jobInstanceId, first, last).query(Long.class).single();
    }

    /**
     * The rows of an instance, from {@code first} to {@code last}, that {@link #finishedRows} counts,
     * each with its status: a row number and a status read for each, never the whole record.
     */
    public FinishedRows finishedIn(long jobInstanceId, int first, int last) {
        FinishedRows finished = new FinishedRows();
        finishedInRange("SELECT ROW_NO, STATUS", jobInstanceId, first, last)
                .query(rs -> {
                    finished.add(rs.getInt(1), RowStatus.valueOf(rs.getString(2)));
                });
        return finished;
    }

    /** The rows {@link RowRecord#finished()} judges finished, of an instance's range, selected as asked. */
    private JdbcClient.StatementSpec finishedInRange(String select, long jobInstanceId, int first, int last) {
        return jdbc.sql(select + " FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = :instance "
                        + "AND ROW_NO BETWEEN :first AND :last AND STATUS NOT IN (:unfinished) "
                        + "AND NOT (STATUS = 'FAILED' AND RETRYABLE = TRUE)")
                .param("instance", jobInstanceId).param("first", first).param("last", last)
                .param("unfinished", RowStatus.UNFINISHED.stream().map(Enum::name).toList());
    }

    public Map<RowStatus, Long> countByStatus(long jobInstanceId) {
        Map<RowStatus, Long> counts = new EnumMap<>(RowStatus.class);
        for (RowStatus status : RowStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT STATUS, COUNT(*) FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = ? GROUP BY STATUS")
                .param(jobInstanceId)
                .query((rs, n) -> Map.entry(RowStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static RowRecord map(ResultSet rs, int rowNum) throws SQLException {
        return new RowRecord(rs.getLong("JOB_INSTANCE_ID"), rs.getInt("ROW_NO"), rs.getLong("LINE_NO"),
                rs.getString("ROW_ID"), rs.getString("IMAGE"), RowStatus.valueOf(rs.getString("STATUS")),
                rs.getString("ASSET_PATH"), rs.getString("AI_RECORD_UUID"), rs.getString("RESULT_PATH"),
                rs.getString("TEMPORARY_URL"), rs.getString("OUTPUT_LOCATION"), rs.getInt("ATTEMPTS"),
                rs.getString("ERROR"), rs.getBoolean("RETRYABLE"), rs.getString("FINGERPRINT"),
                rs.getLong("JOB_EXECUTION_ID"), toInstant(rs.getTimestamp("UPDATED_AT")), request(rs),
                rs.getInt("IN_DOUBT_CALLS"));
    }

    private static RowRequest request(ResultSet rs) throws SQLException {
        String prompt = rs.getString("PROMPT");
        String size = rs.getString("IMAGE_SIZE");
        String quality = rs.getString("QUALITY");
        String background = rs.getString("BACKGROUND");
        return prompt == null && size == null && quality == null && background == null ? null
                : new RowRequest(prompt, size, quality, background);
    }

    private static Instant toInstant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
