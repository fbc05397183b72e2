package io.backdrop.job;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * Where an execution's partitions stand: how many are done, worked on now (and by which worker
 * process), waiting for a worker, stopped or failed.
 *
 * @param workers the worker processes working on partitions now, as {@code host pid N}
 */
public record PartitionsView(int total, int completed, int running, int waiting, int stopped, int failed,
                             List<String> workers) {

    public PartitionsView {
        workers = List.copyOf(workers);
    }

    /**
     * The partitions among an execution's steps, with the owners of the leases held on them; null
     * for an execution that is not partitioned.
     */
    static PartitionsView of(Collection<StepExecution> steps, Map<Long, String> owners) {
        List<StepExecution> partitions = steps.stream()
                .filter(step -> step.getStepName().startsWith(BackdropJobConfiguration.PARTITION_STEP + ":")).toList();
        if (partitions.isEmpty()) {
            return null;
        }
        int completed = count(partitions, BatchStatus.COMPLETED);
        int stopped = count(partitions, BatchStatus.STOPPED);
        int failed = count(partitions, BatchStatus.FAILED) + count(partitions, BatchStatus.ABANDONED);
        List<String> workers = partitions.stream().map(step -> owners.get(step.getId()))
                .filter(owner -> owner != null).map(PartitionsView::shown).distinct().sorted().toList();
        int running = (int) partitions.stream().filter(step -> owners.containsKey(step.getId())).count();
        int waiting = partitions.size() - completed - stopped - failed - running;
        return new PartitionsView(partitions.size(), completed, running, Math.max(0, waiting), stopped, failed, workers);
    }

    private static int count(List<StepExecution> partitions, BatchStatus status) {
        return (int) partitions.stream().filter(step -> step.getStatus() == status).count();
    }

    /** A lease owner ({@code host:pid:tag}) as a person reads it. */
    private static String shown(String owner) {
        String[] parts = owner.split(":");
        return parts.length >= 2 ? parts[0] + " pid " + parts[1] : owner;
    }

    /** One line for status: {@code 4: 2 completed, 1 running (on vm pid 12), 1 waiting, 0 stopped, 0 failed}. */
    public String line() {
        return total + ": " + completed + " completed, " + running + " running"
                + (workers.isEmpty() ? "" : " (on " + String.join(", ", workers) + ")") + ", " + waiting + " waiting, "
                + stopped + " stopped, " + failed + " failed";
    }
}
