package io.backdrop.sandbox;

/** A request the sandbox refuses, as the real API would: an HTTP status and a message for the caller. */
final class RejectedRequest extends RuntimeException {

    private final int status;

    RejectedRequest(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static RejectedRequest badRequest(String message) {
        return new RejectedRequest(400, message);
    }

    int status() {
        return status;
    }
}
