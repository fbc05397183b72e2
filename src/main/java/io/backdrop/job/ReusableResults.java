package io.backdrop.job;

import io.backdrop.model.RowRecord;
import io.backdrop.storage.OutputBucket;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds an earlier result a row can reuse: same fingerprint, SUCCEEDED (or itself REUSED), and
 * its output still there. Of the newest such results, one already published under the row's own
 * name in this output is taken first, so that a nightly re-run publishes nothing again.
 */
public class ReusableResults {

    /** How many of a fingerprint's newest results are looked through for one in place. */
    static final int CANDIDATES = 20;

    private final RowLedger ledger;
    private final Sources sources;

    public ReusableResults(RowLedger ledger, Sources sources) {
        this.ledger = ledger;
        this.sources = sources;
    }

    public Optional<RowRecord> find(String fingerprint) {
        return ledger.latestSucceeded(fingerprint).filter(this::stillThere);
    }

    /** The newest usable result, preferring one already at the row's own place in the output. */
    public Optional<RowRecord> find(String fingerprint, String id, OutputBucket output) {
        List<RowRecord> candidates = ledger.newestSucceeded(fingerprint, CANDIDATES);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String ownName = output.locationOf(id) + ".";
        for (RowRecord candidate : candidates) {
            String earlier = candidate.output();
            if (earlier.startsWith(ownName) && earlier.indexOf('/', ownName.length()) < 0 && stillThere(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.of(candidates.get(0)).filter(this::stillThere);
    }

    /**
     * Asked of the storage's identity, which for S3 comes from a page of the output's listing:
     * a re-run checks a thousand results with one request, not one each.
     */
    private boolean stillThere(RowRecord earlier) {
        try {
            sources.identity(Sources.locate(earlier.output()));
            return true;
        } catch (IOException gone) {
            return false;
        }
    }
}
