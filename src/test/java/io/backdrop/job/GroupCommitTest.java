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
import java.time.Duration;
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
        open(kind, Duration.ZERO);
    }

    private void open(TestDatabase.Kind kind, Duration window) {
        database = kind.open(work);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        Flyway.configure().dataSource(dataSource).javaMigrations(new SpringBatchSchemaMigration()).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new CountingTransactions(dataSource);
        commits = new GroupCommit(transactions, window);
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
        List<Runnable> saves = IntStream.rangeClosed(1, 6).mapToObj(row -> uploaded(row).calling())
                .<Runnable>map(record -> () -> ledger.save(record)).toList();

        for (Future<?> save : queuedBehindAHeldCommit(saves)) {
            save.get();
        }

        assertThat(transactions.commits.get()).as("the held commit, then one for the six writes").isEqualTo(2);
        assertThat(ledger.findRows(INSTANCE, List.of(1, 2, 3, 4, 5, 6, 100))).hasSize(7)
                .allSatisfy((row, record) -> assertThat(record.status()).isIn(RowStatus.CALLING, RowStatus.GENERATED));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void writesWaitForCompanyWithinTheWindowAndAnUrgentWriteTakesThemAllAtOnce(TestDatabase.Kind kind) throws Exception {
        // A window no test outlasts: only the urgent write can end the wait.
        open(kind, Duration.ofHours(1));
        List<Future<?>> saves = new ArrayList<>();
        for (int row = 1; row <= 5; row++) {
            RowRecord record = uploaded(row).calling();
            saves.add(threads.submit(() -> ledger.save(record)));
            while (commits.waiting() < row) {
                Thread.sleep(1);
            }
        }
        assertThat(saves).as("no write is committed while the window lasts").noneMatch(Future::isDone);
        assertThat(transactions.commits.get()).isZero();

        ledger.saveNow(uploaded(6).calling());

        for (Future<?> save : saves) {
            save.get();
        }
        assertThat(transactions.commits.get()).as("the five writes and the urgent one, in one commit").isEqualTo(1);
        assertThat(ledger.findRows(INSTANCE, List.of(1, 2, 3, 4, 5, 6))).hasSize(6)
                .allSatisfy((row, record) -> assertThat(record.status()).isEqualTo(RowStatus.CALLING));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anUrgentWriteDoesNotWaitForACommitUnderWay(TestDatabase.Kind kind) throws Exception {
        open(kind);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = heldCommit(release);

        // On this thread: it would wait for the held commit until the test's timeout.
        ledger.saveNow(uploaded(1).calling());

        assertThat(first).as("the commit under way is still held").isNotDone();
        assertThat(ledger.findRows(INSTANCE, List.of(1))).containsOnlyKeys(1);
        release.countDown();
        first.get();
        assertThat(ledger.findRows(INSTANCE, List.of(1, 100))).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anUrgentWriteAloneIsCommittedWithoutWaitingForTheWindow(TestDatabase.Kind kind) {
        open(kind, Duration.ofHours(1));

        ledger.saveNow(uploaded(1).calling());

        assertThat(transactions.commits.get()).isEqualTo(1);
        assertThat(ledger.findRows(INSTANCE, List.of(1))).containsOnlyKeys(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aLoneWriteIsCommittedWhenTheWindowEnds(TestDatabase.Kind kind) {
        open(kind, Duration.ofMillis(50));

        ledger.save(uploaded(1).calling());

        assertThat(transactions.commits.get()).isEqualTo(1);
        assertThat(ledger.findRows(INSTANCE, List.of(1))).containsOnlyKeys(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aWriteThatFailsInASharedCommitFailsOnlyItsOwnSave(TestDatabase.Kind kind) throws Exception {
        open(kind);
        // Row 3's fingerprint is longer than its column (a SHA-256 in hex, 64 characters) holds.
        List<Runnable> saves = IntStream.rangeClosed(1, 4)
                .mapToObj(row -> row == 3 ? uploaded(row).calling().withFingerprint("f".repeat(65)) : uploaded(row).calling())
                .<Runnable>map(record -> () -> ledger.save(record)).toList();

        List<Future<?>> queued = queuedBehindAHeldCommit(saves);

        queued.get(0).get();
        queued.get(1).get();
        assertThatThrownBy(queued.get(2)::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DataAccessException.class);
        queued.get(3).get();
        assertThat(ledger.findRows(INSTANCE, List.of(1, 2, 3, 4))).containsOnlyKeys(1, 2, 4)
                .allSatisfy((row, record) -> assertThat(record.status()).isEqualTo(RowStatus.CALLING));
        assertThat(transactions.commits.get()).as("the held commit, then rows 1, 2 and 4 each on its own")
                .isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void creditFiguresThatFailInASharedCommitLoseOnlyThemselves(TestDatabase.Kind kind) throws Exception {
        open(kind);
        RowRecord withFigures = generated(uploaded(1));
        RowRecord figuresLost = generated(uploaded(2));
        RowRecord plain = uploaded(3).calling();

        List<Future<?>> queued = queuedBehindAHeldCommit(List.of(
                () -> ledger.save(withFigures, "credit figures", () -> credits.record(withFigures,
                        new CallSetting("low", "1024x1024"), new TeamCredits(100_000L, 1_000L))),
                () -> ledger.save(figuresLost, "credit figures", () -> jdbc.sql("INSERT INTO NO_SUCH_TABLE VALUES (1)").update()),
                () -> ledger.save(plain)));
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
        RowRecord calling = uploaded(5).calling();
        RowRecord paid = generated(uploaded(5));

        for (Future<?> save : queuedBehindAHeldCommit(List.of(() -> ledger.save(calling), () -> ledger.save(paid)))) {
            save.get();
        }

        assertThat(ledger.findRows(INSTANCE, List.of(5)).get(5).status()).isEqualTo(RowStatus.GENERATED);
        assertThat(transactions.commits.get()).isEqualTo(2);
    }

    /**
     * The saves, each on a thread of its own and queued in this order behind a commit held open (a
     * save of row 100 whose credit figures wait), which then ends: they are committed next, together.
     */
    /** Row 100's commit, under way and held open until {@code release}; returns once it is. */
    private Future<?> heldCommit(CountDownLatch release) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        RowRecord held = generated(uploaded(100));
        Future<?> first = threads.submit(() -> ledger.save(held, "a wait", () -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        inside.await();
        return first;
    }

    private List<Future<?>> queuedBehindAHeldCommit(List<Runnable> saves) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = heldCommit(release);
        List<Future<?>> queued = new ArrayList<>();
        for (Runnable save : saves) {
            Future<?> saving = threads.submit(save);
            queued.add(saving);
            while (commits.waiting() < queued.size()) {
                assertThat(saving).as("a save queued behind the held commit cannot have ended").isNotDone();
                Thread.sleep(1);
            }
        }
        release.countDown();
        first.get();
        return queued;
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
