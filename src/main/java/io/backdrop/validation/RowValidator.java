package io.backdrop.validation;

import static io.backdrop.model.ManifestRow.BACKGROUND;
import static io.backdrop.model.ManifestRow.ID;
import static io.backdrop.model.ManifestRow.IMAGE;
import static io.backdrop.model.ManifestRow.PROMPT;
import static io.backdrop.model.ManifestRow.QUALITY;
import static io.backdrop.model.ManifestRow.SIZE;

import io.backdrop.model.ImageSize;
import io.backdrop.model.ManifestRow;
import io.backdrop.model.RowCheck;
import io.backdrop.model.RowDefaults;
import io.backdrop.model.RowPlan;
import io.backdrop.model.Violation;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.Sources;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks manifest rows against every rule of the API and of Backdrop before any call is paid for,
 * applying the command line's defaults to empty cells. Every broken rule of a row is reported, not
 * just the first.
 *
 * <p>Stateful and not thread-safe: it remembers the ids of the rows it has checked, since an id
 * must be unique in the manifest. Use one instance per manifest pass, from one thread at a time.
 */
public class RowValidator {

    public static final int MAX_PROMPT_LENGTH = 4_000;
    public static final List<String> QUALITIES = List.of("low", "medium", "high");
    public static final List<String> BACKGROUNDS = List.of("auto", "opaque");

    private final RowDefaults defaults;
    private final URI manifestLocation;
    private final Sources sources;
    private final boolean fingerprints;
    private final KnownSources knownSources;
    /** The default prompt compiled once, as most rows of a templated catalog use it. */
    private final PromptTemplate defaultPrompt;
    private final PromptTemplates cellPrompts = new PromptTemplates();
    /** Ids seen so far, folded to lower case, to the row that first used them. */
    private final IdRegistry ids = new IdRegistry();

    /**
     * @param defaults         what empty prompt, size, quality and background cells take
     * @param manifestLocation the manifest's own location, against which relative image cells resolve
     * @param sources          reads the images (only their size and first bytes)
     */
    public RowValidator(RowDefaults defaults, URI manifestLocation, Sources sources) {
        this(defaults, manifestLocation, sources, false);
    }

    /**
     * @param fingerprints whether each valid row's plan carries its {@link RowFingerprint}; that
     *                     reads every valid row's whole image, so only incremental runs ask for it
     */
    public RowValidator(RowDefaults defaults, URI manifestLocation, Sources sources, boolean fingerprints) {
        this(defaults, manifestLocation, sources, fingerprints, KnownSources.NONE);
    }

    /**
     * @param knownSources what sources held when last read: an image whose storage identity is
     *                     unchanged is judged on that record, without a read
     */
    public RowValidator(RowDefaults defaults, URI manifestLocation, Sources sources, boolean fingerprints,
                        KnownSources knownSources) {
        this.knownSources = knownSources;
        this.defaults = defaults;
        this.manifestLocation = manifestLocation;
        this.sources = sources;
        this.fingerprints = fingerprints;
        this.defaultPrompt = PromptTemplate.compile(defaults.prompt().trim());
    }

    /**
     * Checks one row, reading only the image's size and first bytes (and its header for
     * {@code size: source}, and all of it for a fingerprint), and remembers its id so that a later
     * row with the same id (ignoring case) is rejected.
     */
    public RowCheck check(ManifestRow row) {
        List<Violation> violations = new ArrayList<>();
        String imageCell = row.cell(IMAGE);

        String id = row.cell(ID).isEmpty() ? RowId.fromImage(imageCell) : row.cell(ID);
        // With neither an id nor an image there is no id to judge; the image rule says what is missing.
        if (!(id.isEmpty() && imageCell.isEmpty())) {
            idViolation(row, id).ifPresent(violations::add);
        }

        SourceImage image = SourceImage.inspect(imageCell, manifestLocation, sources, knownSources);
        violations.addAll(image.violations());

        PromptTemplate template = row.cell(PROMPT).isEmpty() ? defaultPrompt : cellPrompts.of(row.cell(PROMPT));
        PromptTemplate.Rendering rendering = template.render(row.cells());
        String prompt = null;
        if (rendering instanceof PromptTemplate.Rendering.Filled filled) {
            prompt = filled.prompt();
            promptViolation(template, prompt).ifPresent(violations::add);
        } else if (rendering instanceof PromptTemplate.Rendering.UnknownColumns unknown) {
            violations.add(new Violation(PROMPT, template.text(), unknown.message()));
        }

        String sizeText = orDefault(row.cell(SIZE), defaults.size());
        Optional<ImageSize> size;
        if (!SourceSizeChooser.isSource(sizeText)) {
            size = ImageSize.parse(sizeText.toLowerCase(Locale.ROOT));
            sizeViolation(sizeText, size).ifPresent(violations::add);
        } else if (image.violations().isEmpty()) {
            size = SourceSizeChooser.forSource(image.location(), sources);
            if (size.isEmpty()) {
                violations.add(new Violation(SIZE, sizeText, "cannot read the image's dimensions"));
            }
        } else {
            // The image's own violation says why; its dimensions would add nothing.
            size = Optional.empty();
        }

        String quality = orDefault(row.cell(QUALITY), defaults.quality());
        choiceViolation(QUALITY, quality, QUALITIES).ifPresent(violations::add);

        String background = orDefault(row.cell(BACKGROUND), defaults.background());
        choiceViolation(BACKGROUND, background, BACKGROUNDS).ifPresent(violations::add);

        if (!violations.isEmpty()) {
            return new RowCheck.Rejected(row, id, imageCell, violations);
        }
        RowPlan plan = new RowPlan(row, id, image.location(), image.bytes(), image.format(),
                prompt, size.orElseThrow(), quality.toLowerCase(Locale.ROOT), background.toLowerCase(Locale.ROOT));
        if (!fingerprints) {
            return new RowCheck.Valid(plan);
        }
        try {
            return new RowCheck.Valid(plan.withFingerprint(RowFingerprint.of(plan, sources)));
        } catch (IOException e) {
            // Readable a moment ago for its first bytes, so rare: the file changed or the network failed.
            return new RowCheck.Rejected(row, id, imageCell, List.of(new Violation(IMAGE, imageCell,
                    "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
        }
    }

    private Optional<Violation> idViolation(ManifestRow row, String id) {
        Optional<String> unsafe = RowId.unsafe(id);
        if (unsafe.isPresent()) {
            return Optional.of(new Violation(ID, id, unsafe.get()));
        }
        // Folded to lower case: ids name files, and macOS and Windows file systems do not tell
        // "SKU-1.png" from "sku-1.png", so one result would overwrite the other.
        int first = ids.putIfAbsent(id, row.row());
        if (first != 0) {
            return Optional.of(new Violation(ID, id, "duplicates the id of row " + first));
        }
        return Optional.empty();
    }

    private static Optional<Violation> promptViolation(PromptTemplate template, String prompt) {
        if (template.text().isBlank()) {
            return Optional.of(new Violation(PROMPT, "", "must not be blank; give --prompt or a prompt cell"));
        }
        if (prompt.isBlank()) {
            return Optional.of(new Violation(PROMPT, template.text(), "is blank after filling its template"));
        }
        // UTF-16 units, not code points: the stricter count, so a prompt we pass is never too long for the API.
        if (prompt.length() > MAX_PROMPT_LENGTH) {
            return Optional.of(new Violation(PROMPT, prompt, template.hasPlaceholders()
                    ? "is " + prompt.length() + " characters after filling its template; at most " + MAX_PROMPT_LENGTH
                    : "must be at most " + MAX_PROMPT_LENGTH + " characters (is " + prompt.length() + ")"));
        }
        return Optional.empty();
    }

    private static Optional<Violation> sizeViolation(String text, Optional<ImageSize> size) {
        if (text.isEmpty()) {
            return Optional.of(new Violation(SIZE, "", "must be given; give --size or a size cell"));
        }
        if (size.isEmpty()) {
            return Optional.of(new Violation(SIZE, text, "must be WxH, e.g. 1024x1024"));
        }
        return size.get().violation().map(rule -> new Violation(SIZE, text, rule));
    }

    private static Optional<Violation> choiceViolation(String field, String value, List<String> choices) {
        if (value.isEmpty()) {
            return Optional.of(new Violation(field, "", "must be given; give --" + field + " or a " + field + " cell"));
        }
        // Matched whatever the case ("High" from a spreadsheet is meant as high); the plan sends lower case.
        if (!choices.contains(value.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Violation(field, value, "must be one of " + String.join(", ", choices)));
        }
        return Optional.empty();
    }

    private static String orDefault(String cell, String fallback) {
        return cell.isEmpty() ? fallback.trim() : cell;
    }
}
