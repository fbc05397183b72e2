package io.backdrop.model;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A row whose cells have been judged, waiting for its image to be judged: what the manifest's
 * single reader decides without any I/O, so that probing the images (the slow part, and a remote
 * read for S3 or http sources) runs on the workers, side by side.
 *
 * @param id         the row's id with the default applied ("" when there is none to give)
 * @param imageCell  the image cell as written
 * @param image      the image's resolved location; null when the cell is empty or not a location
 * @param prompt     the filled prompt; null when it breaks a rule
 * @param sizeText   the size cell, or the default, as written
 * @param size       the size asked for; empty when it is {@code source} (decided by the image) or breaks a rule
 * @param quality    the quality in lower case
 * @param background the background in lower case
 * @param violations every rule the cells break, the image's own rules not yet judged
 */
public record PendingRow(ManifestRow source, String id, String imageCell, URI image, String prompt, String sizeText,
                         Optional<ImageSize> size, String quality, String background, List<Violation> violations) {

    public PendingRow {
        violations = List.copyOf(violations);
    }

    public int row() {
        return source.row();
    }
}
