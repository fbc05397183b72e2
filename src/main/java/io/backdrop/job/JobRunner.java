package io.backdrop.job;

import io.backdrop.storage.OutputBuckets;
import io.backdrop.storage.S3ClientFactory;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/** Starts, restarts, stops and abandons Backdrop job executions; start and restart block until the execution ends. */
@Component
public class JobRunner {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job backdropJob;
    private final S3ClientFactory s3;
    private final PartitionProperties partitions;
    private final RemoteReadiness remoteReadiness;

    public JobRunner(JobOperator jobOperator, JobRepository jobRepository, Job backdropJob, S3ClientFactory s3,
                     PartitionProperties partitions, RemoteReadiness remoteReadiness) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.backdropJob = backdropJob;
        this.s3 = s3;
        this.partitions = partitions;
        this.remoteReadiness = remoteReadiness;
    }

    /** A new job instance for the manifest and output. */
    public JobExecution start(RunParameters run) throws Exception {
        checkRemote();
        probeOutput(run.output());
        return jobOperator.start(backdropJob, run.toJobParameters());
    }

    /**
     * A new execution of the job instance the given execution belongs to. An execution left
     * running by a process that has died is recovered first (marked FAILED), and the notice says so.
     */
    public JobExecution restart(long executionId, boolean forceRecover, Consumer<String> notices) throws Exception {
        checkRemote();
        JobExecution latest = jobRepository.getLastJobExecution(existing(executionId).getJobInstance());
        if (latest.getStatus().isRunning()) {
            ProcessIdentity process = ProcessIdentity.of(latest);
            boolean dead = process != null && process.knownDead();
            if (!dead && !forceRecover) {
                throw new JobControlException("execution " + latest.getId() + " is still " + latest.getStatus()
                        + (process == null ? "" : " in " + process) + ": stop it first (backdrop stop " + latest.getId()
                        + "), or, if its process is gone, restart with --recover");
            }
            latest = jobOperator.recover(latest);
            notices.accept("Recovered execution " + latest.getId() + ": it was left running by "
                    + (process == null ? "a process" : process) + " that is no longer there. It is now "
                    + latest.getStatus() + "; its finished rows stay finished and rows in progress resume from "
                    + "their last recorded stage, without paying again for a recorded result.");
        }
        if (latest.getStatus() == BatchStatus.COMPLETED) {
            throw new JobControlException("execution " + latest.getId() + " already COMPLETED its job; start a new one with run");
        }
        if (latest.getStatus() == BatchStatus.ABANDONED) {
            throw new JobControlException("execution " + latest.getId() + " was ABANDONED and cannot be restarted");
        }
        probeOutput(RunParameters.of(latest.getJobParameters()).output());
        return jobOperator.restart(latest);
    }

    /** Partitions are sent to workers only where workers can reach them and their state. */
    private void checkRemote() {
        if (partitions.remote()) {
            remoteReadiness.check("run --remote");
        }
    }

    /** An output that cannot be written is found now, not after paying for the first result. */
    private void probeOutput(String output) {
        try {
            OutputBuckets.open(output, s3).probe();
        } catch (IOException | RuntimeException e) {
            throw new JobControlException("cannot write to the output " + output + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Asks a running execution to stop after the calls in flight; its own process does the stopping. */
    public void stop(long executionId) throws Exception {
        JobExecution execution = existing(executionId);
        if (!execution.getStatus().isRunning()) {
            throw new JobControlException("execution " + executionId + " is " + execution.getStatus() + ", not running");
        }
        jobOperator.stop(execution);
    }

    /** Asks every execution this process runs to stop gracefully: what SIGTERM and Ctrl-C do. */
    public void stopRunningInThisProcess() {
        ProcessIdentity self = ProcessIdentity.current();
        for (JobExecution execution : jobRepository.findRunningJobExecutions(BackdropJobConfiguration.JOB_NAME)) {
            if (self.equals(ProcessIdentity.of(execution))) {
                try {
                    jobOperator.stop(execution);
                } catch (Exception e) {
                    // it finished meanwhile: nothing left to stop
                }
            }
        }
    }

    /** Marks a stopped or failed execution as never to be restarted. */
    public JobExecution abandon(long executionId) throws Exception {
        JobExecution execution = existing(executionId);
        if (execution.getStatus().isRunning()) {
            throw new JobControlException("execution " + executionId + " is " + execution.getStatus()
                    + ": stop it before abandoning it");
        }
        return jobOperator.abandon(execution);
    }

    private JobExecution existing(long executionId) {
        return JobExecutions.lookUp(jobRepository, executionId)
                .orElseThrow(() -> JobControlException.noExecution(executionId));
    }
}
