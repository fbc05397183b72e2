package io.backdrop.job;

import io.backdrop.api.ApiException;
import io.backdrop.api.Attempted;
import io.backdrop.api.FeatureResponse;
import io.backdrop.api.OneMinClient;
import io.backdrop.api.PromptObject;
import io.backdrop.api.UploadSource;
import io.backdrop.model.CallSetting;
import io.backdrop.model.ImageFormat;
import io.backdrop.model.RowPlan;
import io.backdrop.model.RowRecord;
import io.backdrop.model.RowStatus;
import io.backdrop.storage.OutputBucket;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.InputStreamSource;

/**
 * Takes one valid row through the API: upload the source, make the paid feature call (in one of
 * the step's {@link CallSlots}), download and publish the result. The paid call's result is recorded in the ledger the moment it returns,
 * before the download, and the published output when it is written; the upload is recorded with
 * the first of them (or with the row's failure, or when the job ends at that row). A stage the
 * ledger already has is skipped, which is what makes a restart free of double payment: only a
 * crash between an upload and its feature call makes a row upload again, which costs nothing.
 * Just before the paid call the row is recorded as CALLING, so that a crash before its answer is
 * recorded leaves the call counted as in doubt (see {@link RowStatus}).
 */
public class RowWorkflow {

    private final OneMinClient client;
    private final Sources sources;
    private final RowLedger ledger;
    private final Path workDirectory;
    private final PaidCallBudget budget;
    private final PaidCallCredits credits;
    private final boolean reuse;
    private final ReusableResults reusableResults;
    private final RowImageObserver images;
    private final SourceFingerprints fingerprints;

    /**
     * @param reuse        whether a row may take an earlier SUCCEEDED result of the same fingerprint
     *                     instead of paying ({@code --force} turns it off)
     * @param images       is shown each succeeded row's source and result while they are in hand
     * @param fingerprints a row's fingerprint, without reading its source when the storage says it is unchanged
     */
    public RowWorkflow(OneMinClient client, Sources sources, RowLedger ledger, Path workDirectory,
                       PaidCallBudget budget, PaidCallCredits credits, boolean reuse, RowImageObserver images,
                       SourceFingerprints fingerprints) {
        this.fingerprints = fingerprints;
        this.client = client;
        this.sources = sources;
        this.ledger = ledger;
        this.workDirectory = workDirectory;
        this.budget = budget;
        this.credits = credits;
        this.reuse = reuse;
        this.reusableResults = new ReusableResults(ledger, sources);
        this.images = images;
    }

    /**
     * Works the row from the stage its record has reached to SUCCEEDED or FAILED.
     *
     * @throws ApiException               of kind FATAL: no row can succeed until a person acts
     * @throws OutputUnavailableException the output cannot be written
     * @throws BudgetReachedException      the execution may make no more paid calls ({@code --max-images},
     *                                    {@code --reserve-credits})
     * @throws CallsClosedException       the step closed while the row waited for a call slot; it kept its upload
     */
    public RowRecord process(RowPlan plan, RowRecord record, OutputBucket output, StagedSource source, CallSlots slots) {
        // A row paid for by an earlier execution is not read again here, not even for a thumbnail.
        boolean sourceRead = !record.paid();
        try {
            if (!record.paid()) {
                // An unchanged source's recorded fingerprint decides a reuse without reading it; a
                // row that is paid for is fingerprinted from the very bytes it uploads.
                Optional<String> recorded = reuse ? fingerprints.recorded(plan, source) : Optional.empty();
                Optional<RowRecord> reusable = recorded.flatMap(known -> reusableResults.find(known, plan.id(), output));
                if (reusable.isPresent()) {
                    return reuseResult(plan, record.withFingerprint(recorded.get()), reusable.get(), output);
                }
                record = record.withFingerprint(fingerprint(plan, source));
                reusable = reuse && !recorded.equals(Optional.of(record.fingerprint()))
                        ? reusableResults.find(record.fingerprint(), plan.id(), output) : Optional.empty();
                if (reusable.isPresent()) {
                    return reuseResult(plan, record, reusable.get(), output);
                }
            }
            if (!record.paid()) {
                // An asset an earlier execution uploaded may be gone from the API (a retention period,
                // or a --sandbox restart, whose emulator is new): its call is refused with a 400 or
                // 404, no image made, and the row uploads again, once.
                boolean earlierAsset = record.assetPath() != null;
                if (!earlierAsset) {
                    record = upload(plan, record, source);
                }
                try {
                    record = call(plan, record, slots);
                } catch (ApiException refused) {
                    if (!earlierAsset || !forgotten(refused)) {
                        throw refused;
                    }
                    record = upload(plan, record, source);
                    record = call(plan, record, slots);
                }
            }
            return publish(plan, record, output, sourceRead ? source::open : null);
        } catch (ApiException e) {
            if (e.kind() == ApiException.Kind.FATAL) {
                keepUpload(record.withLostAnswers(e.lostAnswers()));
                throw e;
            }
            record = record.failed(e.getMessage(), e.kind() == ApiException.Kind.TRANSIENT, e.attempts(), e.lostAnswers());
            ledger.save(record);
            return record;
        } catch (BudgetReachedException | CallsClosedException e) {
            keepUpload(record);
            throw e;
        }
    }

    private RowRecord upload(RowPlan plan, RowRecord record, StagedSource source) {
        Attempted<String> asset = client.upload(new UploadSource(plan.id() + "." + plan.format().extension(),
                plan.format().mediaType(), plan.imageBytes(), source::open));
        // Not committed on its own: an upload costs nothing, so a crash before the paid call
        // merely uploads again, and each commit left out is a disk write less per row. The
        // asset path is recorded with the paid call's result, or with the row's failure.
        return record.uploaded(asset.value(), asset.attempts());
    }

    /** The paid call, in a call slot, and its result committed; the row as GENERATED. */
    private RowRecord call(RowPlan plan, RowRecord record, CallSlots slots) {
        // Only the call holds a slot: the upload is done before it, the download after.
        if (!slots.take(record.row())) {
            throw new CallsClosedException();
        }
        Attempted<FeatureResponse.AiRecord> generated;
        CallSetting setting = new CallSetting(plan.quality(), plan.size().toString());
        try {
            credits.beforeCall();
            if (!budget.tryTake()) {
                throw new BudgetReachedException(budget.limit());
            }
            // Committed before the request, at once (the slot is held): from here a crash may have been charged.
            ledger.saveNow(record.calling());
            generated = client.replaceBackground(new PromptObject(
                    record.assetPath(), plan.prompt(), plan.size().toString(), plan.quality(), plan.background()));
            // Before the slot is given back: the next row's reserve check sees this answer.
            credits.answered(setting, generated.value().credits());
        } finally {
            slots.give(record.row());
        }
        FeatureResponse.AiRecord ai = generated.value();
        List<String> results = ai.aiRecordDetail().resultObject();
        RowRecord paid = record.generated(ai.uuid(), results.get(0), ai.temporaryUrl(), generated.attempts(),
                generated.lostAnswers());
        // The credit figures share the paid result's commit: one disk write a paid call less.
        ledger.save(paid, "the credit figures of its paid call were", () -> credits.recorded(paid, setting, ai.credits()));
        return paid;
    }

    /** A feature call refused as a bad request or not found: for a reused asset, most likely the asset. */
    private static boolean forgotten(ApiException refused) {
        return refused.kind() == ApiException.Kind.PERMANENT
                && (refused.httpStatus() == 400 || refused.httpStatus() == 404);
    }

    /**
     * A row's source, to be read once for its rules, its fingerprint and its upload; the caller
     * closes it, which deletes a staged copy.
     */
    StagedSource source(URI location) {
        return StagedSource.of(sources, location, workDirectory);
    }

    /**
     * When the job ends here (no credits, a bad key, the budget), the restart that follows reuses the
     * upload; the record also replaces CALLING, since the call that ended the job was answered.
     */
    private void keepUpload(RowRecord record) {
        if (record.status() == RowStatus.UPLOADED) {
            ledger.save(record);
        }
    }

    private String fingerprint(RowPlan plan, StagedSource source) {
        try {
            return fingerprints.read(plan, source);
        } catch (IOException e) {
            throw new ApiException(ApiException.Kind.PERMANENT, 0, "cannot read the source image "
                    + Sources.display(plan.image()) + ": " + e.getMessage());
        }
    }

    /** Publishes the earlier result under this row's name (a copy, unless it is the same object). */
    private RowRecord reuseResult(RowPlan plan, RowRecord record, RowRecord earlier, OutputBucket output) {
        String earlierOutput = earlier.output();
        String name = plan.id() + earlierOutput.substring(earlierOutput.lastIndexOf('.'));
        String location = output.locationOf(name);
        if (!location.equals(earlierOutput)) {
            Path copy = null;
            try {
                copy = Files.createTempFile(workDirectory, "backdrop-", ".reuse");
                try (InputStream in = sources.open(Sources.locate(earlierOutput))) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                location = output.write(name, copy, formatOf(copy).mediaType(), metadata(record, plan));
            } catch (IOException e) {
                throw new OutputUnavailableException("cannot reuse " + earlierOutput + " as " + location + ": "
                        + e.getMessage(), e);
            } finally {
                deleteQuietly(copy);
            }
        }
        RowRecord reused = record.reused(earlier, location);
        ledger.save(reused);
        return reused;
    }

    private static Map<String, String> metadata(RowRecord record, RowPlan plan) {
        return Map.of(
                "backdrop-execution-id", Long.toString(record.jobExecutionId()),
                "backdrop-row", Integer.toString(record.row()),
                "backdrop-id", plan.id());
    }

    private RowRecord publish(RowPlan plan, RowRecord record, OutputBucket output, InputStreamSource source) {
        Path download = null;
        try {
            download = Files.createTempFile(workDirectory, "backdrop-", ".download");
            Attempted<Long> fetched = client.download(URI.create(record.temporaryUrl()), download);
            ImageFormat format = formatOf(download);
            String name = plan.id() + "." + format.extension();
            String location;
            try {
                location = output.write(name, download, format.mediaType(), metadata(record, plan));
            } catch (IOException e) {
                throw new OutputUnavailableException("cannot write " + output.locationOf(name) + ": " + e.getMessage(), e);
            }
            record = record.succeeded(location, fetched.attempts());
            ledger.save(record);
            images.resultInHand(record, source, download);
            return record;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new OutputUnavailableException("cannot stage a download in " + workDirectory + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(download);
        }
    }

    private static ImageFormat formatOf(Path file) throws IOException {
        byte[] head = new byte[ImageFormat.SNIFF_BYTES];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        return ImageFormat.sniff(read == head.length ? head : java.util.Arrays.copyOf(head, read))
                .orElseThrow(() -> new ApiException(ApiException.Kind.PERMANENT, 0, "the result is not an image"));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file is harmless; the row's outcome is what matters
            }
        }
    }
}
