package io.backdrop.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.backdrop.support.CommandLineRun;
import io.backdrop.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The guard against two live workers on one partition, on the machine's PostgreSQL. A lease
 * timeout of a day stands for a live owner, zero for one that stopped renewing: no waiting.
 */
class PartitionLeasesPostgresTest {

    private static final Duration LIVE = Duration.ofDays(1);
    private static final Duration EXPIRED = Duration.ZERO;

    TestDatabase database;
    PartitionLeases leases;
    JobInstance instance = new JobInstance(1L, BackdropJobConfiguration.JOB_NAME);

    @BeforeEach
    void setUp() {
        database = TestDatabase.localPostgres();
        assertThat(CommandLineRun.on(database).execute("list").exitCode()).isZero();
        leases = new PartitionLeases(JdbcClient.create(
                new DriverManagerDataSource(database.url(), database.user(), database.password())));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aPartitionHeldByALiveWorkerIsNotTakenByAnother() {
        StepExecution partition = partition(10, 1, "rows.partition:partition-0");

        assertThat(leases.take(partition, "a:1:x", LIVE)).isTrue();
        assertThat(leases.take(partition, "b:2:y", LIVE)).as("a second delivery to another worker").isFalse();
        assertThat(leases.take(partition, "a:1:x", LIVE)).as("its owner may take it again").isTrue();
        assertThat(leases.owners(1)).containsEntry(10L, "a:1:x");
    }

    @Test
    void aLeaseNoLongerRenewedIsTakenOverAndItsFormerOwnerLearnsItLostIt() {
        StepExecution partition = partition(10, 1, "rows.partition:partition-0");
        leases.take(partition, "a:1:x", LIVE);

        assertThat(leases.take(partition, "b:2:y", EXPIRED)).isTrue();

        assertThat(leases.renew(partition, "a:1:x")).as("the stalled owner stops its partition").isFalse();
        assertThat(leases.renew(partition, "b:2:y")).isTrue();
    }

    @Test
    void aRestartsExecutionOfAPartitionWaitsForTheLiveWorkerOfTheExecutionBefore() {
        StepExecution before = partition(10, 1, "rows.partition:partition-0");
        StepExecution restarted = partition(20, 2, "rows.partition:partition-0");
        leases.take(before, "a:1:x", LIVE);

        assertThat(leases.take(restarted, "b:2:y", LIVE)).isFalse();

        leases.release(before, "a:1:x");
        assertThat(leases.held(before)).isFalse();
        assertThat(leases.take(restarted, "b:2:y", LIVE)).isTrue();
        assertThat(leases.held(restarted)).isTrue();
        assertThat(leases.leases(2)).isEqualTo(1);
        assertThat(leases.leases(1)).isZero();
    }

    @Test
    void aLeaseLeftByAWorkerThatDiedStaysHeldUntilAnotherTakesItOver() {
        StepExecution partition = partition(10, 1, "rows.partition:partition-0");
        leases.take(partition, "a:1:x", LIVE);

        assertThat(leases.held(partition)).as("the manager waits for it").isTrue();
        assertThat(leases.take(partition, "b:2:y", EXPIRED)).isTrue();
        leases.release(partition, "b:2:y");
        assertThat(leases.held(partition)).isFalse();
        assertThat(leases.leases(1)).isZero();
    }

    @Test
    void differentPartitionsAreHeldSideBySide() {
        assertThat(leases.take(partition(10, 1, "rows.partition:partition-0"), "a:1:x", LIVE)).isTrue();
        assertThat(leases.take(partition(11, 1, "rows.partition:partition-1"), "b:2:y", LIVE)).isTrue();
        assertThat(leases.leases(1)).isEqualTo(2);
    }

    private StepExecution partition(long stepExecutionId, long jobExecutionId, String name) {
        JobExecution execution = new JobExecution(jobExecutionId, instance, new JobParameters());
        return new StepExecution(stepExecutionId, name, execution);
    }
}
