package io.backdrop.job;

/**
 * The output could not be written. No row can be published until that is fixed, and every
 * further paid call would only add to what waits to be downloaded, so the job stops; the paid
 * results stay recorded and a restart downloads them without paying again.
 */
public class OutputUnavailableException extends RuntimeException {

    public OutputUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
