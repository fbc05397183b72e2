package io.backdrop.cli;

/** The process exit codes, as the README documents them. */
public final class ExitCodes {

    /** Every row SUCCEEDED (or there was nothing to do). */
    public static final int OK = 0;
    /** The job FAILED or was STOPPED. */
    public static final int JOB_FAILED = 1;
    /** Bad usage or configuration: nothing was run. */
    public static final int USAGE = 2;
    /** Backdrop could not start (the database cannot be reached): nothing was run, as for bad usage. */
    public static final int NOT_STARTED = 2;
    /** The job completed, with REJECTED or FAILED rows. */
    public static final int ROWS_NOT_SUCCEEDED = 3;

    private ExitCodes() {
    }
}
