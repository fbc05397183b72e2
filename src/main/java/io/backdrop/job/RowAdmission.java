package io.backdrop.job;

import io.backdrop.model.ManifestRow;
import io.backdrop.model.PendingRow;
import io.backdrop.validation.RowValidator;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The processor of the rows step: judges each row's cells on the reader's thread, without I/O,
 * since ids must be unique in manifest order. The image is judged by the worker that takes the
 * row ({@link RowDispatcher}), after the ledger has passed over rows already finished.
 */
public class RowAdmission implements ItemProcessor<ManifestRow, PendingRow> {

    private final RowValidator validator;

    public RowAdmission(RowValidator validator) {
        this.validator = validator;
    }

    @Override
    public PendingRow process(ManifestRow row) {
        return validator.admit(row);
    }

    /** A row the reader passes over, finished by an earlier execution: only its id is remembered. */
    public void passOver(ManifestRow row) {
        validator.passOver(row);
    }
}
