package io.backdrop.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * An object (or a prefix) in S3: a bucket and a key, the key exactly as S3 stores it.
 * Users write these as {@code s3://bucket/key}; the key is taken literally, as the AWS CLI does,
 * so a key may hold spaces, {@code #} or {@code %} without any escaping.
 */
public record S3Location(String bucket, String key) {

    public S3Location {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("an S3 location needs a bucket: s3://" + bucket + "/" + key);
        }
        key = key == null ? "" : key;
    }

    /** Whether the text is written as an S3 location. */
    public static boolean isS3(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith("s3://");
    }

    /** Parses {@code s3://bucket/key} as a user typed it, the key taken literally. */
    public static S3Location parse(String location) {
        if (!isS3(location)) {
            throw new IllegalArgumentException("not an s3:// location: " + location);
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The location an {@code s3:} URI names (its path decoded back to the literal key). */
    public static S3Location of(URI uri) {
        if (!"s3".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not an s3:// location: " + uri);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new S3Location(uri.getAuthority(), path.startsWith("/") ? path.substring(1) : path);
    }

    /** As a URI, with whatever the key holds escaped so that {@link #of} gives the same key back. */
    public URI toUri() {
        try {
            return new URI("s3", bucket, "/" + key, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid S3 location: " + this, e);
        }
    }

    /**
     * A path relative to this object's "folder" (the key up to its last {@code /}), as a relative
     * image path in a manifest means; {@code ..} steps up, a leading {@code /} starts at the bucket.
     */
    public S3Location resolveSibling(String relative) {
        String base = relative.startsWith("/") ? "" : key.substring(0, key.lastIndexOf('/') + 1);
        return new S3Location(bucket, normalize(base + relative));
    }

    /** The key of a name under this location taken as a prefix ({@code prefix/name}). */
    public String keyUnder(String name) {
        String prefix = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    private static String normalize(String key) {
        StringBuilder result = new StringBuilder();
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.equals(".") && !(segment.isEmpty() && segments.isEmpty())) {
                segments.addLast(segment);
            }
        }
        for (String segment : segments) {
            if (result.length() > 0) {
                result.append('/');
            }
            result.append(segment);
        }
        return result.toString();
    }
}
