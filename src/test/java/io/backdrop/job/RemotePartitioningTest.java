package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.ConnectionFactory;
import io.backdrop.api.DatabasePace;
import io.backdrop.api.RateLimit;
import io.backdrop.cli.ExitCodes;
import io.backdrop.sandbox.Endpoint;
import io.backdrop.sandbox.HeldCalls;
import io.backdrop.sandbox.SandboxSettings;
import io.backdrop.support.CommandLineRun;
import io.backdrop.support.ResultsFiles;
import io.backdrop.support.RunFolderFixture;
import io.backdrop.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Remote partitioning on the machine's RabbitMQ and PostgreSQL: a manager in this JVM and two
 * {@code worker} JVMs, started as a user starts them, on a queue of this test's own.
 */
class RemotePartitioningTest extends RunFolderFixture {

    static final String KEY = "test-key-remote-partitions";

    String queue;
    final List<Process> workers = new ArrayList<>();

    RemotePartitioningTest() {
        super(KEY);
    }

    @Override
    protected TestDatabase database(Path work) {
        return TestDatabase.localPostgres();
    }

    @BeforeEach
    void setUp() {
        queue = "backdrop.test." + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process worker : workers) {
            worker.destroyForcibly().waitFor();
        }
        // The folder closes after this: the workers are gone before their database is dropped.
        ConnectionFactory broker = new ConnectionFactory();
        try (var connection = broker.newConnection(); var channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }

    @Test
    void twoWorkersShareTheJobsBudgetAndRateLimitAndPayOncePerRow() throws Exception {
        startSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(50), Duration.ZERO));
        manifestOf(8);
        Process first = startWorker("worker-1.log", "--rate-limit", "10/h");
        Process second = startWorker("worker-2.log", "--rate-limit", "10/h");

        var capped = backdrop.execute(args("run", "--partitions", "4", "--remote", "--max-images", "6"));

        assertThat(capped.exitCode()).as(capped.out() + capped.err() + logs()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(capped.out()).contains("STOPPED").contains("budget reached");
        assertThat(sandbox.stats().paidCalls()).as("the budget holds for the job, not per worker").isEqualTo(6);
        assertThat(Files.readString(work.resolve("worker-1.log"))).contains("started by");
        assertThat(Files.readString(work.resolve("worker-2.log"))).contains("started by");

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                "--backdrop.remote.queue=" + queue, "--backdrop.remote.poll-interval=200ms");

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err() + logs() + steps()).isZero();
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).extracting(r -> r.get("id"))
                .containsExactly("row-1", "row-2", "row-3", "row-4", "row-5", "row-6", "row-7", "row-8");
        assertThat(results).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).as("one paid call per row").isEqualTo(8);
        assertThat(database.count("SELECT COUNT(*) FROM BACKDROP_PARTITION_LEASE")).as("leases released").isZero();
        RateLimit limit = RateLimit.parse("10/h");
        DatabasePace shared = new DatabasePace(new DriverManagerDataSource(database.url(), database.user(),
                database.password()), DatabasePace.bucketId(queue, limit), limit);
        assertThat(shared.available()).as("both workers' calls were drawn from one bucket").isEqualTo(10 - 8);

        first.destroy();
        second.destroy();
        assertThat(first.waitFor()).as(logs()).isEqualTo(ExitCodes.OK);
        assertThat(second.waitFor()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(work.resolve("worker-1.log"))).contains("stopped");
    }

    @Test
    void aWorkerKilledMidPartitionIsReplacedWithoutPayingForItsFinishedRowsAgain() throws Exception {
        startSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(300), Duration.ZERO));
        manifestOf(6);
        Process doomed = startWorker("worker-1.log");
        startWorker("worker-2.log");
        CompletableFuture<CommandLineRun.Outcome> manager =
                CompletableFuture.supplyAsync(() -> backdrop.execute(args("run", "--partitions", "2", "--remote")));
        // Both workers hold a partition and rows have been paid for.
        awaitTrue(() -> database.count("SELECT COUNT(*) FROM BACKDROP_PARTITION_LEASE") == 2
                && sandbox.stats().paidCalls() >= 3, Duration.ofSeconds(120));
        String doomedPid = String.valueOf(doomed.pid());

        doomed.destroyForcibly().waitFor();

        var outcome = manager.get();
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err() + logs()).isZero();
        List<Map<String, String>> results = ResultsFiles.latest(output);
        assertThat(results).hasSize(6).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).as("at most the killed worker's one call in flight is paid twice")
                .isBetween(6L, 7L);
        assertThat(Files.readString(work.resolve("worker-2.log"))).as("the other worker took the partition over")
                .containsPattern("partition \\d+ \\(rows \\d-\\d\\): started by .*")
                .doesNotContain(":" + doomedPid + ":");
        assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                + " AND STATUS = 'COMPLETED'")).isEqualTo(2);
    }

    @Test
    void stopFromTheConsoleReachesTheWorkersAndRestartRerunsOnlyUnfinishedPartitions() throws Exception {
        startSandbox(SandboxSettings.defaults());
        manifestOf(6);
        // One row at a time, none staged beside it: a partition whose call is held has not ended its
        // step (with a row beside it, its last chunk would be dispatched and the step recorded
        // COMPLETED while the call is still in flight).
        Process first = startWorker("worker-1.log", "--backdrop.job.headroom=0");
        Process second = startWorker("worker-2.log", "--backdrop.job.headroom=0");
        Process manager;
        try (HeldCalls held = sandbox.faults().hold(Endpoint.FEATURE)) {
            manager = backdrop.start(work.resolve("manager.log"), args("run", "--partitions", "3", "--remote"));
            held.awaitHeld(2, Duration.ofSeconds(120));
            awaitTrue(() -> database.count("SELECT COUNT(*) FROM BACKDROP_PARTITION_LEASE") == 2, Duration.ofSeconds(60));

            var status = backdrop.execute("status", "1");
            var list = backdrop.execute("list");

            assertThat(status.out()).as(status.err()).contains("Partitions: 3: 0 completed, 2 running (on ")
                    .contains(" pid " + first.pid()).contains(" pid " + second.pid()).contains("1 waiting");
            assertThat(list.out()).contains("PARTITIONS").contains("0/3 2r");

            var stop = backdrop.execute("stop", "1");

            assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
        }
        assertThat(manager.waitFor()).as(Files.readString(work.resolve("manager.log")) + logs())
                .isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(Files.readString(work.resolve("manager.log"))).contains("STOPPED");
        long unfinished = database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                + " AND JOB_EXECUTION_ID = 1 AND STATUS <> 'COMPLETED'");
        assertThat(unfinished).as("the partitions in hand stopped").isBetween(1L, 3L);
        assertThat(backdrop.execute("status", "1").out()).containsPattern("Partitions: 3: \\d completed, 0 running");

        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                "--backdrop.remote.queue=" + queue, "--backdrop.remote.poll-interval=200ms");

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err() + logs() + steps()).isZero();
        assertThat(database.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'rows.partition:%'"
                + " AND JOB_EXECUTION_ID = 2")).as("only unfinished partitions run again").isEqualTo(unfinished);
        assertThat(ResultsFiles.latest(output)).as(logs() + steps()).hasSize(6)
                .extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        assertThat(sandbox.stats().paidCalls()).isEqualTo(6);
    }

    @Test
    void sigtermOnAWorkerStopsItsPartitionAtTheEndOfItsChunkAndRestartFinishesIt() throws Exception {
        startSandbox(SandboxSettings.defaults());
        manifestOf(5);
        // One row a chunk: the partition stops at the end of the chunk in hand, its first row.
        Process worker = startWorker("worker-1.log", "--backdrop.job.chunk-size=1");
        Process manager;
        try (HeldCalls held = sandbox.faults().hold(Endpoint.FEATURE)) {
            manager = backdrop.start(work.resolve("manager.log"), args("run", "--partitions", "1", "--remote"));
            held.awaitHeld(1, Duration.ofSeconds(120));

            worker.destroy();
        }

        assertThat(worker.waitFor()).as(logs()).isEqualTo(ExitCodes.OK);
        assertThat(manager.waitFor()).as(Files.readString(work.resolve("manager.log"))).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(Files.readString(work.resolve("manager.log"))).contains("STOPPED");
        // The call in flight and the chunk waiting for a free thread finish; the rest waits for a restart.
        assertThat(sandbox.stats().paidCalls()).isBetween(1L, 2L);
        assertThat(database.count("SELECT COUNT(*) FROM BACKDROP_ROW WHERE STATUS = 'SUCCEEDED'"))
                .as("what was paid for is recorded").isEqualTo(sandbox.stats().paidCalls());
        startWorker("worker-2.log");
        var restarted = backdrop.execute("restart", "1", "--api-base-url", sandbox.baseUrl().toString(),
                "--backdrop.remote.queue=" + queue, "--backdrop.remote.poll-interval=200ms");
        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err() + logs()).isZero();
        assertThat(sandbox.stats().paidCalls()).isEqualTo(5);
    }

    @Test
    void aPartitionNoWorkerCanTakeIsRejectedOnceNotHandedAroundForEver() throws Exception {
        startSandbox(SandboxSettings.defaults());
        startWorker("worker-1.log");
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1");
        try {
            // What a manager on another database would send: a partition this worker's database does not hold.
            new RabbitTemplate(broker).convertAndSend("", queue, new StepExecutionRequest(
                    BackdropJobConfiguration.PARTITION_STEP, 987_654L));
            awaitTrue(() -> logs().contains("partition 987654 is not in this worker's database"), Duration.ofSeconds(60));

            var counts = new RabbitAdmin(broker).getQueueInfo(queue);
            assertThat(counts.getMessageCount()).as("dropped, not back in the queue").isZero();
            assertThat(logs().split("partition 987654 is not in this worker's database", -1))
                    .as("rejected once, not redelivered").hasSize(2);
        } finally {
            broker.destroy();
        }
    }

    private Process startWorker(String log, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("worker", "--api-base-url", sandbox.baseUrl().toString(),
                "--concurrency", "1", "--backdrop.remote.queue=" + queue, "--backdrop.remote.lease-timeout=3s",
                "--backdrop.remote.heartbeat=500ms", "--backdrop.api.initial-backoff=1ms"));
        args.addAll(List.of(extra));
        Process worker = backdrop.start(work.resolve(log), args.toArray(String[]::new));
        workers.add(worker);
        awaitTrue(() -> {
            try {
                return Files.readString(work.resolve(log)).contains("takes partitions");
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(180));
        return worker;
    }

    /** The partitions' step executions, for a failure's message. */
    private String steps() {
        StringBuilder all = new StringBuilder("\n--- step executions\n");
        try (var connection = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password());
             var result = connection.createStatement().executeQuery("SELECT STEP_EXECUTION_ID, JOB_EXECUTION_ID, "
                     + "STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT, START_TIME, END_TIME, LAST_UPDATED FROM BATCH_STEP_EXECUTION "
                     + "UNION ALL SELECT ROW_NO, JOB_EXECUTION_ID, STATUS, ROW_ID, 0, 0, UPDATED_AT, NULL, NULL FROM BACKDROP_ROW ORDER BY 1")) {
            while (result.next()) {
                for (int column = 1; column <= 9; column++) {
                    all.append(result.getString(column)).append(' ');
                }
                all.append('\n');
            }
        } catch (java.sql.SQLException e) {
            all.append(e.getMessage());
        }
        return all.toString();
    }

    private String logs() {
        StringBuilder all = new StringBuilder();
        for (String log : List.of("worker-1.log", "worker-2.log")) {
            try {
                all.append("\n--- ").append(log).append('\n').append(Files.readString(work.resolve(log)));
            } catch (IOException e) {
                all.append("\n(no ").append(log).append(')');
            }
        }
        return all.toString();
    }

    private void manifestOf(int rows) throws IOException {
        manifest = folder.manifestOf("coffee.png", rows);
    }

    private String[] args(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--manifest", manifest.toString(), "--output",
                output.toString(), "--api-base-url", sandbox.baseUrl().toString(), "--concurrency", "1",
                "--backdrop.remote.queue=" + queue, "--backdrop.remote.poll-interval=200ms",
                "--backdrop.api.initial-backoff=1ms", "--backdrop.api.max-backoff=20ms"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private void awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + limit + logs());
            }
            Thread.sleep(50);
        }
    }
}
