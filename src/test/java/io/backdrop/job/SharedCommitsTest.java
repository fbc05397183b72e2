package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.CallSetting;
import io.backdrop.model.RowRecord;
import io.backdrop.model.RowRequest;
import io.backdrop.model.TeamCredits;
import io.backdrop.storage.KnownSource;
import io.backdrop.support.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The writes that share a commit to save a disk write per row: a paid call's credit figures ride
 * in its result's commit, and source records are written in batches. On both databases, since
 * PostgreSQL refuses every statement after a failed one in the same transaction.
 */
class SharedCommitsTest {

    @TempDir
    Path work;

    private TestDatabase database;
    private JdbcClient jdbc;
    private DataSourceTransactionManager transactions;

    private void open(TestDatabase.Kind kind) {
        database = kind.open(work);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        Flyway.configure().dataSource(dataSource).javaMigrations(new SpringBatchSchemaMigration()).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void creditFiguresShareThePaidResultsCommitAndTheirFailureNeverCostsTheResult(TestDatabase.Kind kind) {
        open(kind);
        RowLedger ledger = new RowLedger(jdbc, transactions, new GroupCommit(transactions, Duration.ZERO));
        CreditLedger credits = new CreditLedger(jdbc);
        RowRecord first = generated(1);
        RowRecord second = generated(2);

        ledger.save(first, "credit figures", () -> credits.record(first, new CallSetting("low", "1024x1024"),
                new TeamCredits(100_000L, 1_000L)));
        ledger.save(second, "credit figures", () -> jdbc.sql("INSERT INTO NO_SUCH_TABLE VALUES (1)").update());

        assertThat(ledger.findRows(1, List.of(1, 2))).containsOnlyKeys(1, 2);
        assertThat(ledger.findRows(1, List.of(2)).get(2).aiRecordUuid()).isEqualTo("uuid-2");
        assertThat(jdbc.sql("SELECT ROW_NO FROM BACKDROP_CREDIT").query(Integer.class).list()).containsExactly(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sourceRecordsAreWrittenInBatchesAndFoundBeforeTheyAre(TestDatabase.Kind kind) {
        open(kind);
        RecordedSources sources = new RecordedSources(jdbc, transactions);
        RecordedSources otherProcess = new RecordedSources(jdbc, transactions);
        URI shared = URI.create("s3://catalog/shared.png");
        otherProcess.remember(shared, "etag-other", new KnownSource(7, "89504e47", sha("a")));
        otherProcess.flush();

        sources.remember(shared, "etag-1", new KnownSource(10, "89504e47", sha("b")));
        for (int i = 1; i < RecordedSources.BATCH - 1; i++) {
            sources.remember(URI.create("s3://catalog/" + i + ".png"), "etag-" + i, new KnownSource(i, "ffd8ff", sha("c")));
        }

        assertThat(sourceRows()).isEqualTo(1);
        assertThat(sources.find(shared, "etag-1")).contains(new KnownSource(10, "89504e47", sha("b")));
        assertThat(sources.find(shared, "etag-other")).isEmpty();

        sources.remember(URI.create("s3://catalog/last.png"), "etag-last", new KnownSource(1, "ffd8ff", sha("d")));

        assertThat(sourceRows()).isEqualTo(RecordedSources.BATCH);
        assertThat(new RecordedSources(jdbc, transactions).find(shared, "etag-1")).contains(new KnownSource(10, "89504e47", sha("b")));

        sources.remember(URI.create("s3://catalog/after.png"), "etag-after", new KnownSource(2, "ffd8ff", sha("e")));
        sources.afterJob(null);

        assertThat(sourceRows()).isEqualTo(RecordedSources.BATCH + 1);

        // A worker process runs steps (partitions) and never a job's end: each step's end flushes too.
        sources.remember(URI.create("s3://catalog/step.png"), "etag-step", new KnownSource(3, "ffd8ff", sha("f")));
        sources.afterStep(null);

        assertThat(sourceRows()).isEqualTo(RecordedSources.BATCH + 2);
    }

    /** A SHA-256 in hex, as the column holds one. */
    private static String sha(String digit) {
        return digit.repeat(64);
    }

    private int sourceRows() {
        return jdbc.sql("SELECT COUNT(*) FROM BACKDROP_SOURCE").query(Integer.class).single();
    }

    private static RowRecord generated(int row) {
        return RowRecord.resume(null, 1, 10, row, row + 1, "id-" + row, "image.png",
                        new RowRequest("a shelf", "1024x1024", "low", "auto"))
                .uploaded("asset-" + row, 1).calling().generated("uuid-" + row, "result-" + row, "http://result/" + row, 1, 0);
    }
}
