package io.backdrop.sandbox;

import io.backdrop.model.ImageFormat;
import java.nio.file.Path;

/**
 * An uploaded asset.
 *
 * @param path      its remote path, what a feature call names as imageUrl
 * @param file      where its content lies on disk (shared by every upload of the same content)
 * @param sha256    the hex SHA-256 of its content
 * @param fileName  the name it was uploaded under
 * @param size      its length in bytes
 * @param mediaType its media type by content, else as the client declared it
 * @param format    its image format by content; null when it is not a PNG, JPEG or WebP
 */
record StoredAsset(String path, Path file, String sha256, String fileName, long size, String mediaType, ImageFormat format) {

    boolean isImage() {
        return format != null;
    }
}
