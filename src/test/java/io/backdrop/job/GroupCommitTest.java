package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backdrop.model.CallSetting;
import io.backdrop.model.RowRecord;
import io.backdrop.model.RowRequest;
import io.backdrop.model.RowStatus;
import io.backdrop.model.TeamCredits;
import io.backdrop.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The ledger's writes committed together when they arrive together, on both databases: each
 * save still returns only once its own write is committed, and gets its own write's outcome.
 * A batch is made to form by holding the first commit open (its credit figures wait) until the
 * other writes are queued behind it.
 */
@Timeout(120)
class GroupCommitTest {

    private static final long INSTANCE = 1;

    @TempDir
    Path work;

    private TestDatabase database;
    private JdbcClient jdbc;
    private CountingTransactions transactions;
    private GroupCommit commits;
    private RowLedger ledger;
    private CreditLedger credits;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private void open(TestDatabase.Kind kind) {
        database = kind.open(work);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        Flyway.configure().dataSource(dataSource).javaMigrations(new SpringBatchSchemaMigration()).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new CountingTransactions(dataSource);
        commits = new GroupCommit(transactions);
        ledger = new RowLedger(jdbc, transactions, commits);
        credits = new CreditLedger(jdbc);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void manyThreadsSavingAtOnceLeaveEveryRowInItsLastState(TestDatabase.Kind kind) throws Exception {
        open(kind);
        int workers = 12;
        int rowsEach = 15;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int worker = 0; worker < workers; worker++) {
            int first = worker * rowsEach + 1;
            done.add(threads.submit(() -> {
                start.await();
                for (int row = first; row < first + rowsEach; row++) {
                    RowRecord uploaded = uploaded(row);
                    ledger.save(uploaded.calling());
                    RowRecord paid = generated(uploaded);
                    ledger.save(paid, "credit figures", () -> credits.record(paid, new CallSetting("low", "1024x1024"),
                            new TeamCredits(100_000L, (long) paid.row())));
                    ledger.save(paid.succeeded("out/" + row + ".png", 1));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : done) {
            worker.get();
        }

        int rows = workers * rowsEach;
        Map<Integer, RowRecord> recorded = ledger.findRows(INSTANCE, IntStream.rangeClosed(1, rows).boxed().toList());
        assertThat(recorded).hasSize(rows);
        assertThat(recorded.values()).allSatisfy(record -> {
            assertThat(record.status()).isEqualTo(RowStatus.SUCCEEDED);
            assertThat(record.output()).isEqualTo("out/" + record.row() + ".png");
            assertThat(record.aiRecordUuid()).isEqualTo("uuid-" + record.row());
        });
        assertThat(creditRows()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, rows).boxed().toList());
        assertThat(transactions.commits.get()).as("never more commits than saves").isLessThanOrEqualTo(3 * rows);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void writesThatArriveDuringACommitShareTheNextOne(TestDatabase.Kind kind) throws Exception {
        open(kind);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = firstCommitHeldOpenUntil(release);
        List<Future<?>> queued = new ArrayList<>();
        for (int row = 1; row <= 6; row++) {
            RowRecord record = uploaded(row).calling();
            queued.add(threads.submit(() -> ledger.save(record)));
        }
        awaitWaiting(6);

        release.countDown();
        first.get();
        for (Future<?> save : queued) {
            save.get();
        }

        assertThat(transactions.commits.get()).as("the held commit, then one for the six writes").isEqualTo(2);
        assertThat(ledger.findRows(INSTANCE, List.of(1, 2, 3, 4, 5, 6, 100))).hasSize(7)
                .allSatisfy((row, record) -> assertThat(record.status()).isIn(RowStatus.CALLING, RowStatus.GENERATED));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aWriteThatFailsInASharedCommitFailsOnlyItsOwnSave(TestDatabase.Kind kind) throws Exception {
        open(kind);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = firstCommitHeldOpenUntil(release);
        List<Future<?>> queued = new ArrayList<>();
        for (int row = 1; row <= 4; row++) {
            // Row 3's fingerprint is longer than its column (a SHA-256 in hex, 64 characters) holds.
            RowRecord record = row == 3 ? uploaded(row).calling().withFingerprint("f".repeat(65)) : uploaded(row).calling();
            queued.add(threads.submit(() -> ledger.save(record)));
            awaitWaiting(row);
        }

        release.countDown();
        first.get();

        for (int row = 1; row <= 4; row++) {
            Future<?> save = queued.get(row - 1);
            if (row == 3) {
                assertThatThrownBy(save::get).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(DataAccessException.class);
            } else {
                save.get();
            }
        }
        assertThat(ledger.findRows(INSTANCE, List.of(1, 2, 3, 4))).containsOnlyKeys(1, 2, 4)
                .allSatisfy((row, record) -> assertThat(record.status()).isEqualTo(RowStatus.CALLING));
        assertThat(transactions.commits.get()).as("the held commit, then rows 1, 2 and 4 each on its own")
                .isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void creditFiguresThatFailInASharedCommitLoseOnlyThemselves(TestDatabase.Kind kind) throws Exception {
        open(kind);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = firstCommitHeldOpenUntil(release);
        RowRecord withFigures = generated(uploaded(1));
        RowRecord figuresLost = generated(uploaded(2));
        RowRecord plain = uploaded(3).calling();
        List<Future<?>> queued = new ArrayList<>();
        queued.add(threads.submit(() -> ledger.save(withFigures, "credit figures",
                () -> credits.record(withFigures, new CallSetting("low", "1024x1024"), new TeamCredits(100_000L, 1_000L)))));
        awaitWaiting(1);
        queued.add(threads.submit(() -> ledger.save(figuresLost, "credit figures",
                () -> jdbc.sql("INSERT INTO NO_SUCH_TABLE VALUES (1)").update())));
        awaitWaiting(2);
        queued.add(threads.submit(() -> ledger.save(plain)));
        awaitWaiting(3);

        release.countDown();
        first.get();
        for (Future<?> save : queued) {
            save.get();
        }

        assertThat(ledger.findRows(INSTANCE, List.of(1, 2, 3))).containsOnlyKeys(1, 2, 3);
        assertThat(ledger.findRows(INSTANCE, List.of(2)).get(2).aiRecordUuid()).isEqualTo("uuid-2");
        assertThat(creditRows()).containsExactly(1);
        assertThat(transactions.commits.get()).as("the savepoint keeps the shared commit").isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoWritesOfARowInOneCommitApplyInTheOrderTheyWereSaved(TestDatabase.Kind kind) throws Exception {
        open(kind);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = firstCommitHeldOpenUntil(release);
        RowRecord calling = uploaded(5).calling();
        RowRecord paid = generated(uploaded(5));
        Future<?> earlier = threads.submit(() -> ledger.save(calling));
        awaitWaiting(1);
        Future<?> later = threads.submit(() -> ledger.save(paid));
        awaitWaiting(2);

        release.countDown();
        first.get();
        earlier.get();
        later.get();

        assertThat(ledger.findRows(INSTANCE, List.of(5)).get(5).status()).isEqualTo(RowStatus.GENERATED);
        assertThat(transactions.commits.get()).isEqualTo(2);
    }

    /**
     * A save of row 100 whose credit figures wait for the latch, its commit open meanwhile: writes
     * saved from now on queue behind it.
     */
    private Future<?> firstCommitHeldOpenUntil(CountDownLatch release) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        RowRecord held = generated(uploaded(100));
        Future<?> save = threads.submit(() -> ledger.save(held, "a wait", () -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        inside.await();
        return save;
    }

    private void awaitWaiting(int writes) throws InterruptedException {
        while (commits.waiting() < writes) {
            Thread.sleep(1);
        }
    }

    private List<Integer> creditRows() {
        return jdbc.sql("SELECT ROW_NO FROM BACKDROP_CREDIT").query(Integer.class).list();
    }

    private static RowRecord uploaded(int row) {
        return RowRecord.resume(null, INSTANCE, 10, row, row + 1, "id-" + row, "image-" + row + ".png",
                new RowRequest("a shelf", "1024x1024", "low", "auto")).uploaded("asset-" + row, 1);
    }

    private static RowRecord generated(RowRecord uploaded) {
        int row = uploaded.row();
        return uploaded.calling().generated("uuid-" + row, "result-" + row, "http://result/" + row, 1, 0);
    }

    /** Counts the transactions committed (savepoints released are not). */
    private static final class CountingTransactions extends DataSourceTransactionManager {

        private final AtomicInteger commits = new AtomicInteger();

        CountingTransactions(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            super.doCommit(status);
            commits.incrementAndGet();
        }
    }
}
