package io.backdrop.job;

import io.backdrop.model.RowRecord;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.util.Optional;

/** Finds an earlier result a row can reuse: same fingerprint, SUCCEEDED, and its output still there. */
public class ReusableResults {

    private final RowLedger ledger;
    private final Sources sources;

    public ReusableResults(RowLedger ledger, Sources sources) {
        this.ledger = ledger;
        this.sources = sources;
    }

    public Optional<RowRecord> find(String fingerprint) {
        return ledger.latestSucceeded(fingerprint).filter(earlier -> {
            try {
                sources.size(Sources.locate(earlier.output()));
                return true;
            } catch (IOException gone) {
                return false;
            }
        });
    }
}
