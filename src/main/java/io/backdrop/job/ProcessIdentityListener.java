package io.backdrop.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/** Records, as an execution starts, which process runs it. */
public class ProcessIdentityListener implements JobExecutionListener {

    private final JobRepository jobRepository;

    public ProcessIdentityListener(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ProcessIdentity process = ProcessIdentity.current();
        execution.getExecutionContext().putString(ProcessIdentity.HOST_KEY, process.host());
        execution.getExecutionContext().putLong(ProcessIdentity.PID_KEY, process.pid());
        jobRepository.updateExecutionContext(execution);
    }
}
