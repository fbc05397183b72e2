package io.backdrop.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The ETag and size of S3 objects, learnt a page of up to 1,000 keys at a time (ListObjectsV2)
 * instead of a HEAD per key. A catalog's images sit side by side under a prefix and its rows
 * mostly come in key order, so one page answers for the next several hundred rows.
 *
 * <p>A page covers a range of keys of one folder (the key up to its last {@code /}): from just
 * before the key asked for to the last key it holds (to the end of the prefix it was listed under
 * when it is the last page there). A key in a covered range that the page does not hold is not
 * taken as missing: it may be newer than the page, so the caller asks S3 itself. Pages older than
 * {@link #FRESH_FOR} are listed again, so a long run does not judge an image by what it was an
 * hour ago.
 *
 * <p>After a full page, the next pages of the folder are listed under a longer prefix: as much of
 * the key asked for as the full page's first and last keys shared (back to the folder when that
 * proves too narrow). S3 answers a page in the same time whatever the prefix; S3Proxy's in-memory
 * store, in a bucket of 200,000 objects, took 0.7 s a page under a prefix of 100,000 keys and
 * 0.4 s under one of 1,000 (the rest grows with the whole bucket, which no prefix helps). The
 * prefix is cut from the key asked for, so it always holds that key.
 */
final class S3KeyListing {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    /**
     * A folder whose rows come in no key order makes every page answer for about one key: after
     * this many pages averaging fewer than {@link #WORTHWHILE_HITS} answers each, its keys are
     * asked one by one again (a HEAD costs a tenth of a listing).
     */
    static final int TRIAL_PAGES = 4;
    static final int WORTHWHILE_HITS = 4;

    /** S3's largest page. */
    static final int PAGE_SIZE = 1000;

    /**
     * The identities a page listed under a prefix gave, for keys in (after, last]; last null when
     * the page ended the prefix, so it covers every later key under it. Keys between two keys that
     * share a prefix share it too, so a range that ends at a listed key needs no prefix check.
     */
    private record Page(String prefix, String after, String last, Map<String, String> identities, Instant listed) {

        boolean covers(String key) {
            return key.compareTo(after) > 0 && (last == null ? key.startsWith(prefix) : key.compareTo(last) <= 0);
        }
    }

    /**
     * Per folder: pages by where they start, pages listed and keys they answered for, and how much
     * of a key to list under: the last full page's shared length, the folder's own at first.
     */
    private static final class Folder {
        final TreeMap<String, Page> pages = new TreeMap<>();
        final int folderLength;
        int listed;
        int hits;
        int prefixLength;

        Folder(int folderLength) {
            this.folderLength = folderLength;
            this.prefixLength = folderLength;
        }
    }

    private final Supplier<S3Client> s3;
    private final Clock clock;
    private final int pageSize;
    /** Per bucket and folder. */
    private final Map<String, Folder> folders = new ConcurrentHashMap<>();

    S3KeyListing(Supplier<S3Client> s3, Clock clock) {
        this(s3, clock, PAGE_SIZE);
    }

    S3KeyListing(Supplier<S3Client> s3, Clock clock, int pageSize) {
        this.s3 = s3;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /**
     * The identity a fresh page lists for the object, listing a page from it when none covers it;
     * empty when the page does not hold the key (ask S3 for the object itself).
     */
    Optional<String> identity(S3Location object) {
        String key = object.key();
        String folderPrefix = key.substring(0, key.lastIndexOf('/') + 1);
        Folder folder = folders.computeIfAbsent(object.bucket() + "/" + folderPrefix, any -> new Folder(folderPrefix.length()));
        // One listing at a time per folder: workers asking for neighbouring keys wait for the page
        // being listed, which answers for them too, instead of each listing the same keys.
        synchronized (folder) {
            Instant now = clock.instant();
            folder.pages.values().removeIf(page -> page.listed().plus(FRESH_FOR).isBefore(now));
            Map.Entry<String, Page> candidate = folder.pages.lowerEntry(key);
            Page page;
            if (candidate != null && candidate.getValue().covers(key)) {
                page = candidate.getValue();
                folder.hits++;
            } else if (folder.listed >= TRIAL_PAGES && folder.hits < folder.listed * WORTHWHILE_HITS) {
                return Optional.empty();
            } else {
                page = list(object.bucket(), folder, key, now);
                folder.pages.put(page.after(), page);
                folder.listed++;
            }
            return Optional.ofNullable(page.identities().get(key));
        }
    }

    private Page list(String bucket, Folder folder, String key, Instant now) {
        // StartAfter is exclusive: start after the key less its last character, so the key itself
        // is listed; the prefix is no longer than that, so the start lies under it.
        String after = key.substring(0, key.length() - 1);
        String prefix = key.substring(0, Math.min(folder.prefixLength, after.length()));
        ListObjectsV2Response answer = s3.get().listObjectsV2(request -> request
                .bucket(bucket).prefix(prefix).startAfter(after).maxKeys(pageSize));
        List<S3Object> objects = answer.contents();
        Map<String, String> identities = new HashMap<>();
        for (S3Object object : objects) {
            if (object.eTag() != null && object.size() != null) {
                identities.put(object.key(), S3SourceStore.identity(object.eTag(), object.size()));
            }
        }
        boolean more = Boolean.TRUE.equals(answer.isTruncated()) && !objects.isEmpty();
        if (more) {
            folder.prefixLength = sharedLength(objects.get(0).key(), objects.get(objects.size() - 1).key());
        } else if (prefix.length() > folder.folderLength && objects.size() < pageSize / 4) {
            // Too narrow: a page that ends its prefix this early means a request for a few keys.
            // The next page is listed under the folder, and its keys say how far to narrow again.
            folder.prefixLength = folder.folderLength;
        }
        return new Page(prefix, after, more ? objects.get(objects.size() - 1).key() : null, identities, now);
    }

    private static int sharedLength(String first, String last) {
        int length = 0;
        while (length < first.length() && length < last.length() && first.charAt(length) == last.charAt(length)) {
            length++;
        }
        return length;
    }
}
