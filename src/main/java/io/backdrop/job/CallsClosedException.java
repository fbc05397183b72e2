package io.backdrop.job;

/**
 * A row waited for a call slot and the step closed first (stopped, halted, over budget): it made
 * no paid call, kept its upload for the restart, and is left unfinished.
 */
class CallsClosedException extends RuntimeException {

    CallsClosedException() {
        super("the step closed before the row's paid call", null, false, false);
    }
}
