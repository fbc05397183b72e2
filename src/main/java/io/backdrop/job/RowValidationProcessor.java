package io.backdrop.job;

import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import io.backdrop.validation.RowValidator;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The processor of the rows step: every row is checked, and a rejected row goes on to be recorded, not filtered. */
public class RowValidationProcessor implements ItemProcessor<ManifestRow, RowCheck> {

    private final RowValidator validator;

    public RowValidationProcessor(RowValidator validator) {
        this.validator = validator;
    }

    @Override
    public RowCheck process(ManifestRow row) {
        return validator.check(row);
    }
}
