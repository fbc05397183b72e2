package io.backdrop.job;

import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What each manifest row asked for (prompt, size, quality), found by reading the manifest again
 * in step with the ledger, whose rows are a subset of the manifest's in the same order. The
 * ledger does not keep these: they are derived from the manifest and the run's defaults, so the
 * same validator that planned the run derives them again, templates filled and {@code size:
 * source} chosen exactly as they were sent.
 *
 * <p>Every row passed over is checked too, since the validator remembers ids to spot duplicates.
 * A manifest that can no longer be read leaves the remaining rows' fields blank; the report goes on.
 */
final class RequestedRows implements AutoCloseable {

    /** A row's request as the report shows it. */
    record Requested(String prompt, String size, String quality) {
        static final Requested UNKNOWN = new Requested("", "", "");
    }

    private static final Logger log = LoggerFactory.getLogger(RequestedRows.class);

    private final RunParameters run;
    private final RowValidator validator;
    private final ManifestItemReader reader;
    private boolean open;
    private boolean unreadable;

    RequestedRows(RunParameters run, Sources sources) {
        this.run = run;
        this.validator = new RowValidator(run.defaults(), run.manifest(), sources);
        this.reader = new ManifestItemReader(Sources.display(run.manifest()), () -> sources.open(run.manifest()));
        this.reader.setSaveState(false);
    }

    /** The request of the given manifest row; rows must be asked for in increasing order. */
    Requested of(int row) {
        if (unreadable) {
            return Requested.UNKNOWN;
        }
        try {
            if (!open) {
                reader.open(new ExecutionContext());
                open = true;
            }
            ManifestRow next;
            while ((next = reader.read()) != null) {
                RowCheck check = validator.check(next);
                if (next.row() == row) {
                    return requested(next, check);
                }
                if (next.row() > row) {
                    break;
                }
            }
            log.warn("report.html: the manifest {} no longer has row {}; rows from there on show no prompt",
                    Sources.display(run.manifest()), row);
        } catch (Exception e) {
            log.warn("report.html: cannot read the manifest {} again ({}); rows from row {} on show no prompt",
                    Sources.display(run.manifest()), e.getMessage(), row);
        }
        unreadable = true;
        return Requested.UNKNOWN;
    }

    /** A valid row shows what was sent; a rejected one what it asked for, cell or default, as written. */
    private Requested requested(ManifestRow row, RowCheck check) {
        if (check instanceof RowCheck.Valid valid) {
            return new Requested(valid.plan().prompt(), valid.plan().size().toString(), valid.plan().quality());
        }
        return new Requested(orDefault(row.cell(ManifestRow.PROMPT), run.defaults().prompt()),
                orDefault(row.cell(ManifestRow.SIZE), run.defaults().size()),
                orDefault(row.cell(ManifestRow.QUALITY), run.defaults().quality()));
    }

    private static String orDefault(String cell, String fallback) {
        return cell.isEmpty() ? fallback.trim() : cell;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            reader.close();
        }
    }
}
