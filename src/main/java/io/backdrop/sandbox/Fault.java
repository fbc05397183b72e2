package io.backdrop.sandbox;

import java.util.EnumSet;
import java.util.Set;

/**
 * A misbehaviour the sandbox can put on a call, to exercise the client's error policy.
 * Status faults and {@link #DROP_CONNECTION} happen before any work, so they cost no credit;
 * {@link #MALFORMED_JSON}, {@link #FAILED_RECORD} and {@link #NO_RESULT} on a feature call happen
 * after the generation ran, so they cost one (see {@link SandboxStats#paidCalls()}).
 */
public enum Fault {
    /** 429 with {@code Retry-After: 1}. */
    STATUS_429(429, EnumSet.allOf(Endpoint.class)),
    /** 429 without {@code Retry-After}. */
    STATUS_429_NO_RETRY_AFTER(429, EnumSet.allOf(Endpoint.class)),
    STATUS_500(500, EnumSet.allOf(Endpoint.class)),
    STATUS_502(502, EnumSet.allOf(Endpoint.class)),
    STATUS_503(503, EnumSet.allOf(Endpoint.class)),
    STATUS_504(504, EnumSet.allOf(Endpoint.class)),
    STATUS_400(400, EnumSet.allOf(Endpoint.class)),
    STATUS_401(401, EnumSet.allOf(Endpoint.class)),
    /** 402 naming insufficient credits, as when the budget is spent. */
    STATUS_402(402, EnumSet.of(Endpoint.UPLOAD, Endpoint.FEATURE)),
    STATUS_404(404, EnumSet.allOf(Endpoint.class)),
    STATUS_413(413, EnumSet.of(Endpoint.UPLOAD, Endpoint.FEATURE)),
    STATUS_422(422, EnumSet.of(Endpoint.UPLOAD, Endpoint.FEATURE)),
    /** The connection is closed without any answer. */
    DROP_CONNECTION(0, EnumSet.allOf(Endpoint.class)),
    /** 200 whose JSON body is cut in the middle. */
    MALFORMED_JSON(0, EnumSet.of(Endpoint.UPLOAD, Endpoint.FEATURE)),
    /** 200 with {@code aiRecord.status} FAILED and no result. */
    FAILED_RECORD(0, EnumSet.of(Endpoint.FEATURE)),
    /** 200 with status SUCCESS but an empty {@code resultObject} and no temporaryUrl. */
    NO_RESULT(0, EnumSet.of(Endpoint.FEATURE)),
    /** 200 image/png whose bytes are not an image. */
    NOT_AN_IMAGE(0, EnumSet.of(Endpoint.DOWNLOAD)),
    /** The full Content-Length is announced, half the body is sent, then the connection closes. */
    TRUNCATED_DOWNLOAD(0, EnumSet.of(Endpoint.DOWNLOAD)),
    /** The call waits a given time, then is answered normally. */
    SLOW(0, EnumSet.allOf(Endpoint.class));

    private final int status;
    private final Set<Endpoint> endpoints;

    Fault(int status, Set<Endpoint> endpoints) {
        this.status = status;
        this.endpoints = endpoints;
    }

    /** The HTTP status a status fault answers with; 0 for the other faults. */
    public int status() {
        return status;
    }

    public boolean isStatus() {
        return status != 0;
    }

    public boolean appliesTo(Endpoint endpoint) {
        return endpoints.contains(endpoint);
    }
}
