package io.backdrop.job;

import java.time.Duration;
import java.util.Collection;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The manager's wait for its remote partitions, to their real end. Spring Batch records a step's
 * end (COMPLETED, with its end time) before it calls the step's listeners, and the row dispatcher's
 * listener is where a partition waits for its calls in flight and may still turn the partition
 * FAILED or STOPPED. A worker lets go of a partition's lease only once the step has fully
 * returned, so the manager waits until none of its partitions is held, then reads their states
 * once more. A lease left by a worker killed in that last moment is held too: the broker hands the
 * partition to another worker, which takes the lease over and finishes the rows left in flight.
 * Why a partition ended early is handed over as well, for status and the summary.
 */
public class LeasedPartitionHandler implements PartitionHandler {

    private final PartitionHandler delegate;
    private final PartitionLeases leases;
    private final JobTally tally;
    private final JobRepository jobRepository;
    private final Duration pollInterval;

    public LeasedPartitionHandler(PartitionHandler delegate, PartitionLeases leases, JobTally tally,
                                  JobRepository jobRepository, Duration pollInterval) {
        this.delegate = delegate;
        this.leases = leases;
        this.tally = tally;
        this.jobRepository = jobRepository;
        this.pollInterval = pollInterval;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
            throws Exception {
        Collection<StepExecution> ended = delegate.handle(splitter, managerStepExecution);
        while (leases.leases(managerStepExecution.getJobExecutionId()) > 0) {
            Thread.sleep(pollInterval.toMillis());
        }
        long jobExecutionId = managerStepExecution.getJobExecutionId();
        ExecutionContext job = managerStepExecution.getJobExecution().getExecutionContext();
        if (!job.containsKey(RowDispatcher.HALT_REASON)) {
            tally.endedEarlyReason(jobExecutionId).ifPresent(reason -> job.putString(RowDispatcher.HALT_REASON, reason));
        }
        return ended.stream().map(partition -> jobRepository.getStepExecution(partition.getId())).toList();
    }
}
