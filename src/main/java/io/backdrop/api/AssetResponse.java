package io.backdrop.api;

/** The answer of {@code POST /api/assets}; {@code fileContent.path} is what the feature call takes as imageUrl. */
public record AssetResponse(Asset asset, FileContent fileContent) {

    public record Asset(String key, String mimetype, long size, String location) {
    }

    public record FileContent(String uuid, String path, String type, String name) {
    }
}
