package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.model.RowRecord;
import io.backdrop.model.RowStatus;
import io.backdrop.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The ledger holds whatever a row carries and the API answers, on every database Backdrop runs
 * on: a record that cannot be written after a paid call is a result paid for and lost.
 */
class LedgerCapacityTest {

    @TempDir
    Path work;

    private TestDatabase database;

    @AfterEach
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPaidResultOfAnySizeIsRecordedWhole(TestDatabase.Kind kind) {
        RowLedger ledger = migrated(kind);
        String image = "images/" + "a".repeat(5_000) + ".png";
        String uuid = "u".repeat(300);
        String resultPath = "results/" + "r".repeat(3_000) + ".png";
        String temporaryUrl = "https://storage.example/" + "t".repeat(9_000);
        RowRecord paid = RowRecord.resume(null, 1, 1, 1, 2, "sku-1", image, null)
                .uploaded("assets/" + "p".repeat(3_000), 1)
                .generated(uuid, resultPath, temporaryUrl, 1, 0);

        ledger.save(paid);

        RowRecord read = ledger.findRows(1, List.of(1)).get(1);
        assertThat(read.image()).isEqualTo(image);
        assertThat(read.aiRecordUuid()).isEqualTo(uuid);
        assertThat(read.resultPath()).isEqualTo(resultPath);
        assertThat(read.temporaryUrl()).isEqualTo(temporaryUrl);
        assertThat(read.paid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRejectedRowWithAHugeIdAndANulCharacterIsRecorded(TestDatabase.Kind kind) {
        RowLedger ledger = migrated(kind);
        String id = "x".repeat(1_100) + "\0";
        String error = "id: must be at most 200 characters (is 1101): " + id;

        ledger.save(RowRecord.rejected(1, 1, 1, 2, id, "images/a.png", error, null));

        RowRecord read = ledger.findRows(1, List.of(1)).get(1);
        assertThat(read.status()).isEqualTo(RowStatus.REJECTED);
        assertThat(read.id()).hasSize(1_101).startsWith("x".repeat(1_100)).endsWith("\uFFFD");
        assertThat(read.error()).hasSize(error.length());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void callsWhoseAnswerWasLostAreCountedAndARowLeftCallingIsOneMore(TestDatabase.Kind kind) {
        RowLedger ledger = migrated(kind);
        RowRecord uploaded = RowRecord.resume(null, 1, 1, 1, 2, "sku-1", "a.png", null).uploaded("assets/a.png", 1);
        ledger.save(uploaded.failed("malformed JSON in the answer", true, 2, 2));
        ledger.save(RowRecord.resume(null, 1, 1, 2, 3, "sku-2", "b.png", null).uploaded("assets/b.png", 1).calling());

        assertThat(ledger.findRows(1, List.of(1)).get(1).inDoubtCalls()).isEqualTo(2);
        assertThat(ledger.inDoubtCalls(1, false)).as("a dead execution's CALLING row lost its answer").isEqualTo(3);
        assertThat(ledger.inDoubtCalls(1, true)).as("a running execution's CALLING row waits for it").isEqualTo(2);
        RowRecord resumed = RowRecord.resume(ledger.findRows(1, List.of(2)).get(2), 1, 2, 2, 3, "sku-2", "b.png", null);
        assertThat(resumed.inDoubtCalls()).isEqualTo(1);
        assertThat(resumed.status()).isEqualTo(RowStatus.UPLOADED);
        assertThat(resumed.assetPath()).as("the upload is not made again").isEqualTo("assets/b.png");
    }

    private RowLedger migrated(TestDatabase.Kind kind) {
        database = kind.open(work);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        Flyway.configure().dataSource(dataSource).javaMigrations(new SpringBatchSchemaMigration()).load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        return new RowLedger(JdbcClient.create(dataSource), transactions, new GroupCommit(transactions, Duration.ZERO));
    }
}
