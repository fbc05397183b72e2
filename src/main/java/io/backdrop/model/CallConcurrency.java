package io.backdrop.model;

/**
 * How many paid feature calls a run has in flight at once, and how many rows beyond them it works
 * on: a row's other stages (staging and judging its image, the upload, the download, publishing,
 * the ledger's commits) are done while other rows hold the calls, so that the calls stay busy.
 * Every row worked on holds a thread, a connection while it transfers, and its staged copy.
 *
 * @param calls    feature calls in flight at most ({@code --concurrency})
 * @param headroom rows worked on besides those holding a call
 */
public record CallConcurrency(int calls, int headroom) {

    /** More calls at once than an account's rate limit allows only costs memory and gets 429s. */
    public static final int MAX_CALLS = 256;
    /** The most rows beside the calls: as many again as the most calls. */
    public static final int MAX_HEADROOM = MAX_CALLS;
    /** The most rows worked on at once, for the connection pools that must serve them all. */
    public static final int MAX_ROWS = MAX_CALLS + MAX_HEADROOM;

    public CallConcurrency {
        if (calls < 1 || calls > MAX_CALLS || headroom < 0 || headroom > MAX_HEADROOM) {
            throw new IllegalArgumentException("calls 1 to " + MAX_CALLS + " and headroom 0 to " + MAX_HEADROOM
                    + ", not " + calls + " and " + headroom);
        }
    }

    /**
     * With the headroom given, or else as many rows again as calls: enough to keep the calls in
     * flight as long as a row's other stages take no longer than its call, which is the case
     * for a generation (seconds to minutes) however slow the storage.
     */
    public static CallConcurrency of(int calls, Integer headroom) {
        return new CallConcurrency(calls, headroom == null ? calls : headroom);
    }

    /** Rows worked on at once: each holds a thread, and a connection while it transfers. */
    public int rows() {
        return calls + headroom;
    }
}
