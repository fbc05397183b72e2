package io.backdrop.job;

/** A look-up, restart, stop or abandon that cannot be done as asked; its message says why and what to do. */
public class JobControlException extends RuntimeException {

    public JobControlException(String message) {
        super(message);
    }

    /** An execution id the job repository does not know. */
    static JobControlException noExecution(long executionId) {
        return new JobControlException("no execution " + executionId + " (see: backdrop list)");
    }
}
