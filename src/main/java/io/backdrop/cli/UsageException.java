package io.backdrop.cli;

/** A mistake in how Backdrop was called or configured: shown as one clear line, exit code 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
