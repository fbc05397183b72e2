package io.backdrop.job;

/** Ends the rows step because going on is pointless: a bad key, no credits, the skip limit. */
public class JobHaltedException extends RuntimeException {

    public JobHaltedException(String message) {
        super(message);
    }
}
