package io.backdrop.sandbox;

import io.backdrop.model.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploaded assets, on disk by content: a benchmark that uploads the same photo ten thousand times
 * keeps one copy of it, and only the remote paths (a few dozen bytes each) are held in memory.
 */
final class AssetStore {

    private final Path directory;
    private final RemotePaths paths;
    private final Map<String, StoredAsset> byPath = new ConcurrentHashMap<>();

    AssetStore(Path directory, RemotePaths paths) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.paths = paths;
    }

    /** A fresh file to receive an upload into, before its content (and so its name) is known. */
    Path incomingFile() throws IOException {
        return Files.createTempFile(directory, "incoming-", ".part");
    }

    /** Files the received content under its hash and gives it a new remote path. */
    StoredAsset keep(Path incoming, ReceivedFile received) throws IOException {
        ImageFormat format = ImageFormat.sniff(head(incoming)).orElse(null);
        Path file = directory.resolve(received.sha256());
        if (Files.exists(file)) {
            Files.delete(incoming);
        } else {
            // Two uploads of the same new content may race here; either copy is the same bytes.
            Files.move(incoming, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        String mediaType = format != null ? format.mediaType()
                : received.contentType() != null ? received.contentType() : "application/octet-stream";
        StoredAsset asset = new StoredAsset(paths.asset(received.fileName()), file, received.sha256(),
                received.fileName(), received.size(), mediaType, format);
        byPath.put(asset.path(), asset);
        return asset;
    }

    Optional<StoredAsset> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ImageFormat.SNIFF_BYTES);
        }
    }
}
