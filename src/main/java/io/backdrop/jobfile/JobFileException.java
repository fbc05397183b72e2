package io.backdrop.jobfile;

/**
 * A job file that cannot be used, in one line naming the file and the key, e.g.
 * "jobs/nightly.yml: retry.max-attempts: expected a whole number, got 'three' (line 9)". Meant to
 * be shown as it is, without a stack trace.
 */
public class JobFileException extends RuntimeException {

    public JobFileException(String message) {
        super(message);
    }

    public JobFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
