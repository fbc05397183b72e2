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
import io.backdrop.model.PendingRow;
import io.backdrop.model.RowPlan;
import io.backdrop.model.Violation;
import io.backdrop.platform.TerminalText;
import io.backdrop.storage.KnownSources;
import io.backdrop.storage.SourceObject;
import io.backdrop.storage.Sources;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks manifest rows against every rule of the API and of Backdrop before any call is paid for,
 * applying the command line's defaults to empty cells. Every broken rule of a row is reported, not
 * just the first, in column order.
 *
 * <p>In two steps, so that the image I/O runs where the parallelism is: {@link #admit} judges the
 * cells, without I/O, and remembers the row's id, since an id must be unique in the manifest;
 * it is stateful and meant for the one thread that reads the manifest. {@link #complete} judges
 * the image (its size, first bytes and last bytes) and is safe to call from many threads at once.
 */
public class RowValidator {

    public static final int MAX_PROMPT_LENGTH = 4_000;
    public static final long MAX_IMAGE_BYTES = 50L * 1024 * 1024;
    public static final List<String> QUALITIES = List.of("low", "medium", "high");
    public static final List<String> BACKGROUNDS = List.of("auto", "opaque");
    /** The order a row's violations are reported in: the manifest's columns. */
    private static final List<String> COLUMNS = List.of(ID, IMAGE, PROMPT, SIZE, QUALITY, BACKGROUND);

    private final RowDefaults defaults;
    private final URI manifestLocation;
    private final Sources sources;
    private final KnownSources knownSources;
    /** The default prompt compiled once, as most rows of a templated catalog use it. */
    private final PromptTemplate defaultPrompt;
    private final PromptTemplates cellPrompts = new PromptTemplates();
    /** Ids seen so far, folded to lower case, to the row that first used them. */
    private final IdRegistry ids = new IdRegistry();

    /**
     * @param defaults         what empty prompt, size, quality and background cells take
     * @param manifestLocation the manifest's own location, against which relative image cells resolve
     * @param sources          reads the images (only their size, first and last bytes)
     */
    public RowValidator(RowDefaults defaults, URI manifestLocation, Sources sources) {
        this(defaults, manifestLocation, sources, KnownSources.NONE);
    }

    /**
     * @param knownSources what sources held when last read: an image whose storage identity is
     *                     unchanged is judged on that record, without a read
     */
    public RowValidator(RowDefaults defaults, URI manifestLocation, Sources sources, KnownSources knownSources) {
        this.knownSources = knownSources;
        this.defaults = defaults;
        this.manifestLocation = manifestLocation;
        this.sources = sources;
        this.defaultPrompt = PromptTemplate.compile(defaults.prompt().trim());
    }

    /** Both steps at once, the image read from its storage: for a single pass on one thread. */
    public RowCheck check(ManifestRow row) {
        PendingRow pending = admit(row);
        return complete(pending, pending.image() == null ? null : sources.object(pending.image()));
    }

    /**
     * Judges a row's cells, without reading its image, and remembers its id so that a later row
     * with the same id (ignoring case) is rejected. Not thread-safe.
     */
    public PendingRow admit(ManifestRow row) {
        List<Violation> violations = new ArrayList<>();
        String imageCell = row.cell(IMAGE);

        String id = idOf(row);
        // With neither an id nor an image there is no id to judge; the image rule says what is missing.
        if (!(id.isEmpty() && imageCell.isEmpty())) {
            idViolation(row, id).ifPresent(violations::add);
        }

        URI image = null;
        if (imageCell.isEmpty()) {
            violations.add(new Violation(IMAGE, "", "must not be empty"));
        } else {
            try {
                image = Sources.resolve(manifestLocation, imageCell);
            } catch (RuntimeException e) {
                // URI.create and Path.of reject malformed text with unchecked exceptions.
                violations.add(new Violation(IMAGE, imageCell, "is not a valid path or URI"));
            }
        }

        PromptTemplate template = row.cell(PROMPT).isEmpty() ? defaultPrompt : cellPrompts.of(row.cell(PROMPT));
        PromptTemplate.Rendering rendering = template.render(row.cells());
        String prompt = null;
        if (rendering instanceof PromptTemplate.Rendering.Filled filled) {
            Optional<Violation> violation = promptViolation(template, filled.prompt());
            violation.ifPresent(violations::add);
            prompt = violation.isEmpty() ? filled.prompt() : null;
        } else if (rendering instanceof PromptTemplate.Rendering.UnknownColumns unknown) {
            violations.add(new Violation(PROMPT, template.text(), unknown.message()));
        }

        String sizeText = orDefault(row.cell(SIZE), defaults.size());
        Optional<ImageSize> size = Optional.empty();
        if (!SourceSizeChooser.isSource(sizeText)) {
            size = ImageSize.parse(sizeText.toLowerCase(Locale.ROOT));
            Optional<Violation> violation = sizeViolation(sizeText, size);
            violation.ifPresent(violations::add);
            size = violation.isEmpty() ? size : Optional.empty();
        }

        String quality = orDefault(row.cell(QUALITY), defaults.quality());
        choiceViolation(QUALITY, quality, QUALITIES).ifPresent(violations::add);

        String background = orDefault(row.cell(BACKGROUND), defaults.background());
        choiceViolation(BACKGROUND, background, BACKGROUNDS).ifPresent(violations::add);

        return new PendingRow(row, id, imageCell, image, prompt, sizeText, size, quality.toLowerCase(Locale.ROOT),
                background.toLowerCase(Locale.ROOT), violations);
    }

    /**
     * Remembers the id of a row that is not judged again (an earlier execution of the job finished
     * it), so that a later row with the same id is still rejected. Not thread-safe.
     */
    public void passOver(ManifestRow row) {
        String id = idOf(row);
        if (!id.isEmpty() && RowId.unsafe(id).isEmpty()) {
            ids.putIfAbsent(id, row.row());
        }
    }

    /** The row's id: its id cell, else the one its image's name gives. */
    private static String idOf(ManifestRow row) {
        return row.cell(ID).isEmpty() ? RowId.fromImage(row.cell(IMAGE)) : row.cell(ID);
    }

    /**
     * Judges the row's image and gives the row's outcome. Reads only the image's size, first and
     * last bytes, or nothing when its storage identity is the one recorded. Thread-safe.
     *
     * @param image the row's image, read through a staged copy or its storage; null when the
     *              row has no image location
     */
    public RowCheck complete(PendingRow row, SourceObject image) {
        List<Violation> violations = new ArrayList<>(row.violations());
        Optional<ImageSize> size = row.size();
        SourceImage probed = null;
        if (row.image() != null) {
            probed = SourceImage.probe(row.imageCell(), image, knownSources);
            violations.addAll(probed.violations());
            if (SourceSizeChooser.isSource(row.sizeText()) && probed.violations().isEmpty()) {
                // A source judged on its record has had no header read: its dimensions are read now.
                size = probed.dimensions().or(() -> ImageDimensions.read(image))
                        .map(d -> SourceSizeChooser.closestTo(d.width(), d.height()));
                if (size.isEmpty()) {
                    violations.add(new Violation(SIZE, row.sizeText(), "cannot read the image's dimensions"));
                }
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparingInt(violation -> COLUMNS.indexOf(violation.field())));
            return new RowCheck.Rejected(row.source(), row.id(), row.imageCell(), violations);
        }
        return new RowCheck.Valid(new RowPlan(row.source(), row.id(), row.image(), probed.bytes(), probed.format(),
                row.prompt(), size.orElseThrow(), row.quality(), row.background()));
    }

    private Optional<Violation> idViolation(ManifestRow row, String id) {
        Optional<String> unsafe = RowId.unsafe(id);
        if (unsafe.isPresent()) {
            // Escaped: the violation is printed and stored, and the characters it is about must not act there.
            return Optional.of(new Violation(ID, TerminalText.escape(id), unsafe.get()));
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
        Optional<String> control = controlCharacter(prompt);
        if (control.isPresent()) {
            return Optional.of(new Violation(PROMPT, TerminalText.escape(prompt), control.get()));
        }
        // UTF-16 units, not code points: the stricter count, so a prompt we pass is never too long for the API.
        if (prompt.length() > MAX_PROMPT_LENGTH) {
            return Optional.of(new Violation(PROMPT, prompt, template.hasPlaceholders()
                    ? "is " + prompt.length() + " characters after filling its template; at most " + MAX_PROMPT_LENGTH
                    : "must be at most " + MAX_PROMPT_LENGTH + " characters (is " + prompt.length() + ")"));
        }
        return Optional.empty();
    }

    /**
     * The first control character of a prompt, other than a line break or a tab: a NUL or an escape
     * sequence is never part of a description of a background, and would reach logs and terminals.
     */
    private static Optional<String> controlCharacter(String prompt) {
        for (int i = 0; i < prompt.length(); i++) {
            char c = prompt.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return Optional.of("must not contain control characters (U+" + String.format("%04X", (int) c)
                        + " at character " + (i + 1) + "); line breaks and tabs are allowed");
            }
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
