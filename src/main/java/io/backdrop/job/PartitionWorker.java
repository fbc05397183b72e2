package io.backdrop.job;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * What a {@code worker} process does with a partition the broker hands it: works it with the
 * partition step, under the partition's lease in the database. The message is acknowledged when
 * this returns, so a worker killed mid-partition leaves it to the broker to deliver again.
 * <p>
 * A partition already finished (a delivery repeated after its owner acknowledged it too late) is
 * passed over. A partition held by a live owner (a delivery repeated while the first owner still
 * works on it, or a restart's execution of a partition a worker of the execution before still
 * works on) is waited for, not worked: until its owner finishes it, or stops renewing the lease
 * (killed), when this worker takes it over. A worker whose lease is taken over (it stalled past
 * the lease timeout) stops its partition at the next chunk.
 */
public class PartitionWorker implements MessageHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository jobRepository;
    private final Step partitionStep;
    private final PartitionLeases leases;
    private final JobTally tally;
    private final RemoteProperties remote;
    private final String owner;
    private final ScheduledExecutorService heartbeats;
    private final AtomicReference<StepExecution> inHand = new AtomicReference<>();
    private volatile boolean stopping;

    public PartitionWorker(JobRepository jobRepository, Step partitionStep, PartitionLeases leases, JobTally tally,
                           RemoteProperties remote) {
        this.jobRepository = jobRepository;
        this.partitionStep = partitionStep;
        this.leases = leases;
        this.tally = tally;
        this.remote = remote;
        ProcessIdentity process = ProcessIdentity.current();
        // The pid names the process for status; the random part tells a restarted process that got
        // the same pid from the one that held the lease before it.
        this.owner = process.host() + ":" + process.pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
        CustomizableThreadFactory threads = new CustomizableThreadFactory("backdrop-lease-");
        threads.setDaemon(true);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(threads);
    }

    /** How this worker is named in the leases, and so in status: host, pid and a random tag. */
    public String owner() {
        return owner;
    }

    @Override
    public void handleMessage(Message<?> message) {
        if (stopping) {
            // Back to the queue for another worker: this one takes nothing more.
            throw new ImmediateRequeueAmqpException("this worker is stopping");
        }
        if (!(message.getPayload() instanceof StepExecutionRequest request)
                || !BackdropJobConfiguration.PARTITION_STEP.equals(request.getStepName())) {
            throw new AmqpRejectAndDontRequeueException("not a Backdrop partition: " + message.getPayload());
        }
        StepExecution execution = find(request.getStepExecutionId());
        if (execution == null) {
            // Another database than the manager's: every worker would refuse it alike, so it is
            // dropped rather than handed around the workers for ever.
            log.error("partition {} is not in this worker's database: the manager and the workers must share one "
                    + "(spring.datasource.url); the partition is dropped", request.getStepExecutionId());
            throw new AmqpRejectAndDontRequeueException("unknown step execution " + request.getStepExecutionId());
        }
        if (!takeOrWait(execution)) {
            return;
        }
        work(jobRepository.getStepExecution(execution.getId()));
    }

    /** The step execution with this id; null for none (the JDBC repository answers an unknown id with an exception). */
    private StepExecution find(long stepExecutionId) {
        try {
            return jobRepository.getStepExecution(stepExecutionId);
        } catch (EmptyResultDataAccessException unknown) {
            return null;
        }
    }

    /**
     * Waits until this worker holds the partition's lease (true) or the partition is finished or
     * this worker is stopping (false). Checked at the heartbeat's pace.
     */
    private boolean takeOrWait(StepExecution execution) {
        long id = execution.getId();
        boolean announced = false;
        while (true) {
            StepExecution current = find(id);
            // Spring Batch records a step's end before its listeners run, where the dispatcher waits
            // for its last calls: an ended partition still held was left by a worker killed there,
            // with rows in flight, and is worked again (the ledger passes over its finished rows).
            if (current == null || !current.getStatus().isRunning() && !leases.held(current)) {
                log.info("partition {} is already {}: passed over", id, current == null ? "gone" : current.getStatus());
                return false;
            }
            if (leases.take(current, owner, remote.leaseTimeout())) {
                return true;
            }
            if (stopping) {
                throw new ImmediateRequeueAmqpException("this worker is stopping");
            }
            if (!announced) {
                log.info("partition {} is held by another live worker: waiting for it to finish or for its lease to expire", id);
                announced = true;
            }
            try {
                Thread.sleep(remote.heartbeat().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImmediateRequeueAmqpException("interrupted while waiting for partition " + id);
            }
        }
    }

    private void work(StepExecution execution) {
        long id = execution.getId();
        inHand.set(execution);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> renew(execution),
                remote.heartbeat().toMillis(), remote.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        log.info("partition {} ({}): started by {}", id, RowRange.of(execution.getExecutionContext()), owner);
        try {
            partitionStep.execute(execution);
        } catch (JobInterruptedException e) {
            execution.setStatus(BatchStatus.STOPPED);
            jobRepository.update(execution);
        } catch (Throwable e) {
            execution.addFailureException(e);
            execution.setStatus(BatchStatus.FAILED);
            jobRepository.update(execution);
        } finally {
            // The dispatcher keeps why the partition ended early in the job's context, which only the
            // manager saves: handed to it through the database.
            Object reason = execution.getJobExecution().getExecutionContext().get(RowDispatcher.HALT_REASON);
            if (reason != null) {
                tally.endedEarly(execution.getJobExecutionId(), reason.toString());
            }
            heartbeat.cancel(false);
            inHand.set(null);
            leases.release(execution, owner);
        }
        log.info("partition {}: {}", id, execution.getStatus());
    }

    private void renew(StepExecution execution) {
        try {
            if (!leases.renew(execution, owner)) {
                log.error("partition {}: its lease was taken over (this worker missed heartbeats); stopping it here",
                        execution.getId());
                execution.setTerminateOnly();
            }
        } catch (RuntimeException e) {
            log.warn("partition {}: could not renew its lease: {}", execution.getId(), e.getMessage());
        }
    }

    /**
     * What SIGTERM does: takes no more partitions and stops the one in hand: no further row of it
     * makes a call, the rows in hand finish and are recorded; it ends STOPPED, and {@code restart}
     * re-runs the rest.
     */
    public void stop() {
        stopping = true;
        StepExecution execution = inHand.get();
        if (execution != null) {
            execution.setTerminateOnly();
        }
    }

    /** Whether a partition is being worked on now. */
    public boolean busy() {
        return inHand.get() != null;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }
}
