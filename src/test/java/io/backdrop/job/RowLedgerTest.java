package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.RowRecord;
import io.backdrop.model.RowStatus;
import io.backdrop.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The ledger on the default database, H2 in a file, migrated as Backdrop migrates it. */
class RowLedgerTest {

    private static final long INSTANCE = 1;
    private static final long OTHER_INSTANCE = 2;

    @TempDir
    Path work;

    private TestDatabase database;
    private DriverManagerDataSource dataSource;
    private RowLedger ledger;

    @BeforeEach
    void setUp() {
        database = TestDatabase.h2(work);
        dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        Flyway.configure().dataSource(dataSource).javaMigrations(new SpringBatchSchemaMigration()).load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        ledger = new RowLedger(JdbcClient.create(dataSource), transactions, new GroupCommit(transactions, Duration.ZERO));
        for (int row = 1; row <= 30; row++) {
            ledger.save(RowRecord.rejected(INSTANCE, 10, row, row + 1, "id-" + row, "image-" + row + ".jpg", "bad", null));
            ledger.save(RowRecord.rejected(OTHER_INSTANCE, 20, row, row + 1, "other-" + row, "other.jpg", "bad", null));
        }
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void finishedRowsCountsWhatARestartWouldPassOver() {
        long instance = 3;
        RowRecord uploaded = RowRecord.resume(null, instance, 30, 1, 2, "a", "a.png", null).uploaded("asset", 1);
        ledger.save(uploaded.calling().generated("uuid", "result", "http://result", 1, 0).succeeded("out/a.png", 1));
        ledger.save(RowRecord.resume(null, instance, 30, 2, 3, "b", "b.png", null).uploaded("asset", 1)
                .failed("503", true, 1, 0));
        ledger.save(RowRecord.resume(null, instance, 30, 3, 4, "c", "c.png", null).uploaded("asset", 1)
                .failed("400", false, 1, 0));
        ledger.save(RowRecord.resume(null, instance, 30, 4, 5, "d", "d.png", null).uploaded("asset", 1));
        // Row 5 has no record: dispatched, still being read, when its process died.
        ledger.save(RowRecord.rejected(instance, 30, 6, 7, "f", "f.png", "bad", null));

        // Rows 1 (succeeded), 3 (failed for good) and 6 (rejected); not 2 (may pass), 4 (in progress) or 5.
        assertThat(ledger.finishedRows(instance, 1, 6)).isEqualTo(3);
        assertThat(ledger.finishedRows(instance, 6, 6)).isEqualTo(1);
        assertThat(ledger.finishedRows(INSTANCE, 1, 30)).isEqualTo(30);
    }

    @Test
    void findsExactlyTheRowsAskedForOfThatInstance() {
        Map<Integer, RowRecord> found = ledger.findRows(INSTANCE, List.of(12, 7, 15, 31));

        assertThat(found).containsOnlyKeys(7, 12, 15);
        assertThat(found.get(12).id()).isEqualTo("id-12");
        assertThat(found.values()).allSatisfy(record -> assertThat(record.jobInstanceId()).isEqualTo(INSTANCE));
    }

    @Test
    void aSavedRowIsReplacedNotAdded() {
        RowRecord first = ledger.findRows(INSTANCE, List.of(3)).get(3);
        ledger.save(RowRecord.resume(first, INSTANCE, 11, 3, first.line(), first.id(), first.image(), null).uploaded("asset/3", 1));

        RowRecord now = ledger.findRows(INSTANCE, List.of(3)).get(3);
        assertThat(now.status()).isEqualTo(RowStatus.UPLOADED);
        assertThat(now.assetPath()).isEqualTo("asset/3");
        assertThat(database.count("SELECT COUNT(*) FROM BACKDROP_ROW WHERE JOB_INSTANCE_ID = 1")).isEqualTo(30);
    }

    /**
     * A chunk's lookup must read that chunk's rows, not every row the instance has: one scan per
     * chunk made a job's CPU per row grow with its length.
     */
    @Test
    void aChunkLookupReadsOnlyTheRowsItSpans() throws SQLException {
        // The chunk's 10 rows (and one past the end), where a scan of the instance would visit all 30.
        assertThat(entriesVisited(RowLedger.CHUNK_LOOKUP, INSTANCE, 11, 20)).isBetween(10L, 11L);
    }

    @Test
    void everyRowIsVisitedInOrderAPageAtATime() throws SQLException {
        addRows(INSTANCE, 31, 1_234);
        List<Integer> seen = new ArrayList<>();

        ledger.forEach(INSTANCE, record -> seen.add(record.row()));

        assertThat(seen).hasSize(1_234).isSorted().startsWith(1, 2, 3).endsWith(1_234);
    }

    /**
     * A page must read that page's rows. Ordered by ROW_NO alone, H2 read and sorted every row after
     * the page's start for each page: the results file of a 30,000-row job took a quarter of a GiB
     * of heap and time that grew with the square of the rows.
     */
    @Test
    void aPageReadsOnlyItsRows() throws SQLException {
        addRows(INSTANCE, 31, 2_000);

        assertThat(entriesVisited(RowLedger.PAGE_AFTER, INSTANCE, 100)).isBetween(500L, 501L);
    }

    @Test
    void theNewestReusableRowIsFoundReadingOnlyTheNewestRowsWithThatFingerprint() throws SQLException {
        // One row a run for 3,000 runs, a minute apart: SUCCEEDED, REUSED, FAILED in turn; the newest FAILED.
        try (Connection connection = dataSource.getConnection();
             Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO BACKDROP_ROW (JOB_INSTANCE_ID, ROW_NO, LINE_NO, ROW_ID, IMAGE, STATUS, "
                    + "FINGERPRINT, JOB_EXECUTION_ID, UPDATED_AT) SELECT 100 + X, 1, 2, 'shoe', 'shoe.jpg', "
                    + "CASE MOD(X, 3) WHEN 0 THEN 'FAILED' WHEN 1 THEN 'SUCCEEDED' ELSE 'REUSED' END, 'fp', X, "
                    + "DATEADD('MINUTE', X, TIMESTAMP '2026-01-01 00:00:00') FROM SYSTEM_RANGE(1, 3000)");
        }

        assertThat(ledger.latestSucceeded("fp")).get().satisfies(newest -> {
            assertThat(newest.jobInstanceId()).isEqualTo(100 + 2_999);
            assertThat(newest.status()).isEqualTo(RowStatus.REUSED);
        });
        assertThat(ledger.latestSucceeded("other")).isEmpty();
        // The newest row (FAILED), the one before it, and no more; a scan by fingerprint visits all 3,000.
        assertThat(entriesVisited(RowLedger.LATEST_SUCCEEDED, "fp")).isLessThanOrEqualTo(3L);
    }

    /** Rows 'from' to 'to' of an instance, REJECTED, written at once. */
    private void addRows(long instance, int from, int to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO BACKDROP_ROW (JOB_INSTANCE_ID, ROW_NO, LINE_NO, "
                     + "ROW_ID, IMAGE, STATUS, JOB_EXECUTION_ID, UPDATED_AT) SELECT ?, X, X + 1, 'id-' || X, 'image.jpg', "
                     + "'REJECTED', 10, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(?, ?)")) {
            insert.setLong(1, instance);
            insert.setInt(2, from);
            insert.setInt(3, to);
            insert.executeUpdate();
        }
    }

    /** The index entries H2 visits to answer the query, as its EXPLAIN ANALYZE reports them. */
    private long entriesVisited(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
                assertThat(scanned.find()).as("H2's plan reports the entries it visited").isTrue();
                return Long.parseLong(scanned.group(1));
            }
        }
    }
}
