package io.backdrop.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Whether an execution has been asked to stop ({@code backdrop stop}, SIGTERM), as its record in
 * the job repository says now: Spring Batch reads it only between chunks.
 */
final class StopRequest {

    private final JobRepository jobRepository;
    private final long jobExecutionId;

    StopRequest(JobRepository jobRepository, long jobExecutionId) {
        this.jobRepository = jobRepository;
        this.jobExecutionId = jobExecutionId;
    }

    boolean made() {
        JobExecution execution = jobRepository.getJobExecution(jobExecutionId);
        // As Spring Batch itself reads it: a stop from another process is recorded STOPPED at once.
        return execution != null && (execution.isStopping() || execution.isStopped());
    }
}
