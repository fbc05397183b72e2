package io.backdrop.model;

import java.net.URI;

/**
 * A row that passed every rule, with the defaults applied: what will be sent to the API.
 *
 * @param image       where the source image is read from (resolved against the manifest)
 * @param imageBytes  the source image's size in bytes
 * @param format      the source image's format by its content
 * @param prompt      the prompt as sent: its template filled from the row's cells
 * @param size        the size as sent: {@code source} already replaced by the chosen size
 */
public record RowPlan(ManifestRow source, String id, URI image, long imageBytes, ImageFormat format,
                      String prompt, ImageSize size, String quality, String background) {

    /** The model every row is sent to: part of what a row's result depends on. */
    public static final String MODEL = "gpt-image-2";
}
