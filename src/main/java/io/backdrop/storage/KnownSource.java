package io.backdrop.storage;

/**
 * What a source held when it was last read in full, recorded under the identity its storage gave
 * for that content ({@link SourceStore#identity}).
 *
 * @param bytes  its size
 * @param head   its first bytes (up to 12, enough to tell its format), hex
 * @param sha256 the SHA-256 of all its bytes, hex
 */
public record KnownSource(long bytes, String head, String sha256) {
}
