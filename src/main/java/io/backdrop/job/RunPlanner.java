package io.backdrop.job;

import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.CallSetting;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import io.backdrop.model.Violation;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowValidator;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Validates every row of a manifest and tells which would be reused and which paid for, by the
 * same rules the job applies, so that {@code plan} and {@code --confirm-over} cannot disagree with a run.
 */
@Component
public class RunPlanner {

    private final Sources sources;
    private final ReusableResults reusableResults;
    private final KnownSources known;
    private final SourceFingerprints fingerprints;

    /** Sources known unchanged by their storage's identity are neither probed nor hashed, as in a run. */
    public RunPlanner(Sources sources, RowLedger ledger, RecordedSources recorded, SourceProperties properties) {
        this.sources = sources;
        this.reusableResults = new ReusableResults(ledger, sources);
        this.known = properties.rehash() ? KnownSources.NONE : recorded;
        this.fingerprints = new SourceFingerprints(sources, recorded, properties.rehash());
    }

    public RunPlan plan(RunParameters run, boolean force) throws IOException {
        URI manifest = run.manifest();
        ManifestItemReader reader = new ManifestItemReader(Sources.display(manifest), () -> sources.open(manifest));
        reader.setSaveState(false);
        RowValidator validator = new RowValidator(run.defaults(), manifest, sources, false, known);
        Map<String, Integer> rejectedByRule = new TreeMap<>();
        Map<String, Integer> toPayByQuality = new TreeMap<>();
        Map<CallSetting, Integer> toPayBySetting = new HashMap<>();
        int rows = 0;
        int rejected = 0;
        int reusable = 0;
        reader.open(new ExecutionContext());
        try {
            ManifestRow row;
            while ((row = reader.read()) != null) {
                rows++;
                RowCheck check = validator.check(row);
                if (check instanceof RowCheck.Rejected rejection) {
                    rejected++;
                    for (Violation violation : rejection.violations()) {
                        rejectedByRule.merge(violation.field() + ": " + violation.rule(), 1, Integer::sum);
                    }
                } else if (check instanceof RowCheck.Valid valid) {
                    String fingerprint = fingerprints.of(valid.plan());
                    if (!force && reusableResults.find(fingerprint).isPresent()) {
                        reusable++;
                    } else {
                        toPayByQuality.merge(valid.plan().quality(), 1, Integer::sum);
                        toPayBySetting.merge(new CallSetting(valid.plan().quality(), valid.plan().size().toString()), 1,
                                Integer::sum);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            reader.close();
        }
        return new RunPlan(rows, rows - rejected, rejected, rejectedByRule, reusable, toPayByQuality, toPayBySetting);
    }
}
