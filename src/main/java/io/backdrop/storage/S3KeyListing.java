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
 * before the key asked for to the last key it holds (to the folder's end when it is the last
 * page). A key in a covered range that the page does not hold is not taken as missing: it may be
 * newer than the page, so the caller asks S3 itself. Pages older than {@link #FRESH_FOR} are
 * listed again, so a long run does not judge an image by what it was an hour ago.
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

    /** The identities a page gave, for keys in (after, last]; last null when the page ended the folder. */
    private record Page(String after, String last, Map<String, String> identities, Instant listed) {

        boolean covers(String key) {
            return key.compareTo(after) > 0 && (last == null || key.compareTo(last) <= 0);
        }
    }

    private final Supplier<S3Client> s3;
    private final Clock clock;
    /** Per bucket and folder, its pages by where they start. */
    private final Map<String, TreeMap<String, Page>> folders = new ConcurrentHashMap<>();
    /** Per bucket and folder, pages listed and keys they answered for. */
    private final Map<String, int[]> usefulness = new ConcurrentHashMap<>();

    S3KeyListing(Supplier<S3Client> s3, Clock clock) {
        this.s3 = s3;
        this.clock = clock;
    }

    /**
     * The identity a fresh page lists for the object, listing a page from it when none covers it;
     * empty when the page does not hold the key (ask S3 for the object itself).
     */
    Optional<String> identity(S3Location object) {
        String folder = object.key().substring(0, object.key().lastIndexOf('/') + 1);
        String name = object.bucket() + "/" + folder;
        TreeMap<String, Page> pages = folders.computeIfAbsent(name, any -> new TreeMap<>());
        int[] listedAndHits = usefulness.computeIfAbsent(name, any -> new int[2]);
        // One listing at a time per folder: workers asking for neighbouring keys wait for the page
        // being listed, which answers for them too, instead of each listing the same keys.
        synchronized (pages) {
            Instant now = clock.instant();
            pages.values().removeIf(page -> page.listed().plus(FRESH_FOR).isBefore(now));
            Map.Entry<String, Page> candidate = pages.lowerEntry(object.key());
            Page page;
            if (candidate != null && candidate.getValue().covers(object.key())) {
                page = candidate.getValue();
                listedAndHits[1]++;
            } else if (listedAndHits[0] >= TRIAL_PAGES && listedAndHits[1] < listedAndHits[0] * WORTHWHILE_HITS) {
                return Optional.empty();
            } else {
                page = list(object.bucket(), folder, object.key(), now);
                pages.put(page.after(), page);
                listedAndHits[0]++;
            }
            return Optional.ofNullable(page.identities().get(object.key()));
        }
    }

    private Page list(String bucket, String folder, String key, Instant now) {
        // StartAfter is exclusive: start after the key less its last character, so the key itself is listed.
        String after = key.substring(0, key.length() - 1);
        ListObjectsV2Response answer = s3.get().listObjectsV2(request -> request.bucket(bucket).prefix(folder).startAfter(after));
        List<S3Object> objects = answer.contents();
        Map<String, String> identities = new HashMap<>();
        for (S3Object object : objects) {
            if (object.eTag() != null && object.size() != null) {
                identities.put(object.key(), S3SourceStore.identity(object.eTag(), object.size()));
            }
        }
        boolean more = Boolean.TRUE.equals(answer.isTruncated()) && !objects.isEmpty();
        return new Page(after, more ? objects.get(objects.size() - 1).key() : null, identities, now);
    }
}
