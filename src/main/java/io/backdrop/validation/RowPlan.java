package io.backdrop.validation;

import io.backdrop.manifest.ManifestRow;
import java.net.URI;

/**
 * A row that passed every rule, with the defaults applied: what will be sent to the API.
 *
 * @param image      where the source image is read from (resolved against the manifest)
 * @param imageBytes the source image's size in bytes
 * @param format     the source image's format by its content
 */
public record RowPlan(ManifestRow source, String id, URI image, long imageBytes, ImageFormat format,
                      String prompt, ImageSize size, String quality, String background) {
}
