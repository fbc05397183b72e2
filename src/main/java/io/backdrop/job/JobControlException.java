package io.backdrop.job;

/** A restart, stop or abandon that cannot be done as asked; its message says why and what to do. */
public class JobControlException extends RuntimeException {

    public JobControlException(String message) {
        super(message);
    }
}
