package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
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
        ledger = new RowLedger(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource));
        for (int row = 1; row <= 30; row++) {
            ledger.save(RowRecord.rejected(INSTANCE, 10, row, row + 1, "id-" + row, "image-" + row + ".jpg", "bad"));
            ledger.save(RowRecord.rejected(OTHER_INSTANCE, 20, row, row + 1, "other-" + row, "other.jpg", "bad"));
        }
    }

    @AfterEach
    void tearDown() {
        database.close();
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
        ledger.save(RowRecord.resume(first, INSTANCE, 11, 3, first.line(), first.id(), first.image()).uploaded("asset/3", 1));

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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + RowLedger.CHUNK_LOOKUP)) {
            explain.setLong(1, INSTANCE);
            explain.setInt(2, 11);
            explain.setInt(3, 20);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                // H2 reports the index entries it visited: the chunk's 10 rows (and one past the end),
                // where a scan of the instance would visit all 30.
                assertThat(plan.getString(1)).containsPattern("scanCount: 1[01]\\b");
            }
        }
    }
}
