package io.backdrop.job;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Makes an execution's partitions: all of them for a job's first execution; for a restart, those
 * not finished, on the row ranges their first execution had. Spring Batch's own splitter passes
 * over every partition it recorded COMPLETED, but it records a step COMPLETED before the step's
 * listeners run, where the dispatcher waits for its last calls: a partition whose process was
 * killed then is COMPLETED with rows in flight, some of them not yet recorded at all. So a
 * COMPLETED partition counts as finished only when the ledger shows every row of its range
 * finished, as a plain restart would judge each row (a FAILED row whose failure may pass is
 * tried again).
 */
public class RowRangeSplitter implements StepExecutionSplitter {

    private final JobRepository jobRepository;
    private final Partitioner partitioner;
    private final RowLedger ledger;

    public RowRangeSplitter(JobRepository jobRepository, Partitioner partitioner, RowLedger ledger) {
        this.jobRepository = jobRepository;
        this.partitioner = partitioner;
        this.ledger = ledger;
    }

    @Override
    public String getStepName() {
        return BackdropJobConfiguration.PARTITION_STEP;
    }

    @Override
    public Set<StepExecution> split(StepExecution managerStepExecution, int gridSize) {
        JobExecution job = managerStepExecution.getJobExecution();
        Set<StepExecution> partitions = new HashSet<>();
        for (Map.Entry<String, ExecutionContext> made : partitioner.partition(gridSize).entrySet()) {
            String name = getStepName() + ":" + made.getKey();
            StepExecution last = jobRepository.getLastStepExecution(job.getJobInstance(), name);
            if (last != null && finished(last)) {
                continue;
            }
            StepExecution partition = jobRepository.createStepExecution(name, job);
            partition.setExecutionContext(last == null ? made.getValue() : last.getExecutionContext());
            jobRepository.updateExecutionContext(partition);
            partitions.add(partition);
        }
        return partitions;
    }

    private boolean finished(StepExecution partition) {
        RowRange range = RowRange.of(partition.getExecutionContext());
        return partition.getStatus() == BatchStatus.COMPLETED && range != null
                && ledger.finishedRows(partition.getJobExecution().getJobInstance().getInstanceId(),
                        range.first(), range.last()) == range.size();
    }
}
