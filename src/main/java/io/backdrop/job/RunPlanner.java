package io.backdrop.job;

import io.backdrop.manifest.ManifestItemReader;
import io.backdrop.model.CallSetting;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.PendingRow;
import io.backdrop.model.RowCheck;
import io.backdrop.model.Violation;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.Sources;
import io.backdrop.validation.RowValidator;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Validates every row of a manifest and tells which would be reused and which paid for, by the
 * same rules the job applies, so that {@code plan} and {@code --confirm-over} cannot disagree with a run.
 * As in a run, the cells are judged on the reading thread and the images by {@code concurrency}
 * threads side by side, each image read at most once.
 */
@Component
public class RunPlanner {

    private final Sources sources;
    private final ReusableResults reusableResults;
    private final KnownSources known;
    private final SourceFingerprints fingerprints;
    private final JobProperties properties;
    private final ManifestPass pass;

    /** Sources known unchanged by their storage's identity are neither probed nor hashed, as in a run. */
    public RunPlanner(Sources sources, RowLedger ledger, RecordedSources recorded, SourceProperties sourceProperties,
                      JobProperties properties, ManifestPass pass) {
        this.sources = sources;
        this.reusableResults = new ReusableResults(ledger, sources);
        this.known = sourceProperties.rehash() ? KnownSources.NONE : recorded;
        this.fingerprints = new SourceFingerprints(recorded, sourceProperties.rehash());
        this.properties = properties;
        this.pass = pass;
    }

    public RunPlan plan(RunParameters run, boolean force) throws IOException {
        URI manifest = run.manifest();
        ManifestItemReader reader = new ManifestItemReader(Sources.display(manifest), () -> pass.open(manifest));
        reader.setSaveState(false);
        RowValidator validator = new RowValidator(run.defaults(), manifest, sources, known);
        Tally tally = new Tally();
        int concurrency = properties.concurrency();
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CustomizableThreadFactory threads = new CustomizableThreadFactory("backdrop-plan-");
        threads.setDaemon(true);
        ExecutorService executor = Executors.newFixedThreadPool(concurrency, threads);
        reader.open(new ExecutionContext());
        try {
            ManifestRow row;
            while ((row = reader.read()) != null && failure.get() == null) {
                PendingRow pending = validator.admit(row);
                slots.acquire();
                executor.execute(() -> {
                    try {
                        judge(validator, pending, force, tally);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
            executor.shutdown();
            executor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            executor.shutdownNow();
            reader.close();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return tally.plan();
    }

    private void judge(RowValidator validator, PendingRow pending, boolean force, Tally tally) {
        try (StagedSource source = pending.image() == null ? null
                : StagedSource.of(sources, pending.image(), properties.workDirectory())) {
            RowCheck check = validator.complete(pending, source);
            if (check instanceof RowCheck.Rejected rejection) {
                tally.rejected(rejection);
            } else if (check instanceof RowCheck.Valid valid) {
                String fingerprint = fingerprints.of(valid.plan(), source);
                tally.valid(valid, !force && reusableResults.find(fingerprint).isPresent());
            }
        } catch (IOException e) {
            // Readable for its rules a moment ago: the photo changed or the network failed. A run
            // would fail the row; the plan counts it with the rejected, by what went wrong.
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            tally.rejected(new RowCheck.Rejected(pending.source(), pending.id(), pending.imageCell(),
                    List.of(new Violation(ManifestRow.IMAGE, pending.imageCell(), "cannot be read: " + reason))));
        }
    }

    /** The counts of a plan, added to from the probing threads. */
    private static final class Tally {

        private final Map<String, Integer> rejectedByRule = new TreeMap<>();
        private final Map<String, Integer> toPayByQuality = new TreeMap<>();
        private final Map<CallSetting, Integer> toPayBySetting = new HashMap<>();
        private int rows;
        private int rejected;
        private int reusable;

        synchronized void rejected(RowCheck.Rejected rejection) {
            rows++;
            rejected++;
            for (Violation violation : rejection.violations()) {
                rejectedByRule.merge(violation.field() + ": " + violation.rule(), 1, Integer::sum);
            }
        }

        synchronized void valid(RowCheck.Valid valid, boolean reused) {
            rows++;
            if (reused) {
                reusable++;
                return;
            }
            toPayByQuality.merge(valid.plan().quality(), 1, Integer::sum);
            toPayBySetting.merge(new CallSetting(valid.plan().quality(), valid.plan().size().toString()), 1, Integer::sum);
        }

        synchronized RunPlan plan() {
            return new RunPlan(rows, rows - rejected, rejected, rejectedByRule, reusable, toPayByQuality, toPayBySetting);
        }
    }
}
