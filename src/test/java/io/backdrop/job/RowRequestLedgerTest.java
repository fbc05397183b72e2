package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.RowRecord;
import io.backdrop.model.RowRequest;
import io.backdrop.model.RowStatus;
import io.backdrop.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What each row asked for, kept by the ledger (migration V7) on both databases Backdrop runs on,
 * so that report.html needs nothing but the ledger.
 */
class RowRequestLedgerTest {

    enum Database {
        H2(TestDatabase::h2),
        POSTGRESQL(folder -> TestDatabase.localPostgres());

        final Function<Path, TestDatabase> open;

        Database(Function<Path, TestDatabase> open) {
            this.open = open;
        }
    }

    @TempDir
    Path work;

    private TestDatabase database;

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theRequestIsKeptFromTheFirstWriteThroughEveryStage(Database kind) {
        RowLedger ledger = ledger(kind);
        String prompt = "a marble counter, warm light \u2600 " + "x".repeat(3_900);
        RowRequest sent = new RowRequest(prompt, "1536x1024", "high", "opaque");
        RowRecord start = RowRecord.resume(null, 1, 10, 4, 5, "espresso", "images/coffee.png", sent);

        ledger.save(start.uploaded("asset/4", 1).generated("uuid-4", "result/4.png", "http://x/4.png", 1, 0));
        ledger.save(ledger.findRows(1, List.of(4)).get(4).succeeded("out/espresso.png", 1));

        RowRecord read = ledger.findRows(1, List.of(4)).get(4);
        assertThat(read.status()).isEqualTo(RowStatus.SUCCEEDED);
        assertThat(read.request()).isEqualTo(sent);
        List<RowRecord> all = new ArrayList<>();
        ledger.forEach(1, all::add);
        assertThat(all).singleElement().extracting(RowRecord::request).isEqualTo(sent);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aRejectedRowKeepsWhatItAskedForClippedToTheColumns(Database kind) {
        RowLedger ledger = ledger(kind);
        String tooLong = "p".repeat(10_000);
        RowRequest asked = new RowRequest(tooLong, "9".repeat(100) + "x9", "best", "auto");

        ledger.save(RowRecord.rejected(1, 10, 2, 3, "bad", "images/bad.png", "row 2 (line 3): ...", asked));

        RowRequest read = ledger.findRows(1, List.of(2)).get(2).request();
        assertThat(read.prompt()).hasSize(RowRequest.MAX_PROMPT).startsWith("pppp").endsWith("\u2026");
        assertThat(read.size()).hasSize(RowRequest.MAX_SETTING).endsWith("\u2026");
        assertThat(read.quality()).isEqualTo("best");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aRowRecordedWithoutARequestReadsAsNone(Database kind) {
        RowLedger ledger = ledger(kind);

        ledger.save(RowRecord.rejected(1, 10, 2, 3, "old", "images/old.png", "before V7", null));

        assertThat(ledger.findRows(1, List.of(2)).get(2).request()).isNull();
    }

    private RowLedger ledger(Database kind) {
        database = kind.open.apply(work);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(),
                database.password());
        Flyway.configure().dataSource(dataSource).javaMigrations(new SpringBatchSchemaMigration()).load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        return new RowLedger(JdbcClient.create(dataSource), transactions, new GroupCommit(transactions, Duration.ZERO));
    }
}
