package io.backdrop.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Once a folder's rows have come in key order (a page answered for more keys than pages were
 * listed), the page after the one just listed is asked for in the background, so that the rows
 * reaching it find it listed instead of all waiting for it: a {@code plan} over 10,000 rows spent
 * 2 s of its 5.3 s in listings otherwise, its threads waiting for the page being listed (JFR).
 * It continues the page it follows, under the same prefix when that page was cut short, else
 * under that prefix less its last character, so that it runs on from a narrowed prefix's end.
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

    /** Threads listing pages ahead: a run's photos and its earlier results are two folders. */
    private static final int LISTING_THREADS = 4;

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
     * Per folder: pages by where they start, pages listed and keys they answered for, how much of
     * a key to list under (the last full page's shared length, the folder's own at first), and the
     * next page, being listed in the background. Guarded by the folder's monitor.
     */
    private static final class Folder {
        final TreeMap<String, Page> pages = new TreeMap<>();
        final int folderLength;
        int listed;
        int hits;
        int prefixLength;
        CompletableFuture<Listing> next;
        /** Where the next page starts (after this key); null when none is being listed. */
        String nextAfter;

        Folder(int folderLength) {
            this.folderLength = folderLength;
            this.prefixLength = folderLength;
        }
    }

    /** A page as listed, with what its keys tell about the folder: whether S3 cut it short, and its first and last keys. */
    private record Listing(Page page, boolean cut, String firstKey, String lastKey, int size) {
    }

    private final Supplier<S3Client> s3;
    private final Clock clock;
    private final int pageSize;
    /** Per bucket and folder. */
    private final Map<String, Folder> folders = new ConcurrentHashMap<>();
    /**
     * Lists next pages, one at a time per folder and at most {@link #LISTING_THREADS} folders at
     * once, however many folders a manifest spreads its photos over; its threads are daemons and
     * end when idle, so the listing needs no closing.
     */
    private final ThreadPoolExecutor ahead = new ThreadPoolExecutor(LISTING_THREADS, LISTING_THREADS,
            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "backdrop-s3-listing");
                thread.setDaemon(true);
                return thread;
            });

    S3KeyListing(Supplier<S3Client> s3, Clock clock) {
        this(s3, clock, PAGE_SIZE);
    }

    S3KeyListing(Supplier<S3Client> s3, Clock clock, int pageSize) {
        this.s3 = s3;
        this.clock = clock;
        this.pageSize = pageSize;
        ahead.allowCoreThreadTimeOut(true);
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
            if (candidate != null && candidate.getValue().covers(key)) {
                folder.hits++;
                return Optional.ofNullable(candidate.getValue().identities().get(key));
            }
            Optional<Page> listedAhead = takeNext(object.bucket(), folder, key, now);
            if (listedAhead.isPresent() && listedAhead.get().covers(key)) {
                folder.hits++;
                return Optional.ofNullable(listedAhead.get().identities().get(key));
            }
            if (folder.listed >= TRIAL_PAGES && folder.hits < folder.listed * WORTHWHILE_HITS) {
                return Optional.empty();
            }
            // StartAfter is exclusive: start after the key less its last character, so the key
            // itself is listed; the prefix is no longer than that, so the start lies under it.
            String after = key.substring(0, key.length() - 1);
            Page page = add(object.bucket(), folder, list(object.bucket(), key.substring(0, Math.min(folder.prefixLength, after.length())), after));
            return Optional.ofNullable(page.identities().get(key));
        }
    }

    /**
     * The page listed ahead, once listed, when it starts before the key; absent when none is, the
     * key comes before it (it is kept for the rows that will reach it), or its listing failed.
     */
    private Optional<Page> takeNext(String bucket, Folder folder, String key, Instant now) {
        if (folder.next == null || folder.nextAfter.compareTo(key) >= 0) {
            return Optional.empty();
        }
        CompletableFuture<Listing> next = folder.next;
        folder.next = null;
        folder.nextAfter = null;
        Listing listing;
        try {
            listing = next.join();
        } catch (CompletionException e) {
            // Listed again on demand, where a failure reaches the caller.
            return Optional.empty();
        }
        return listing.page().listed().plus(FRESH_FOR).isBefore(now) ? Optional.empty()
                : Optional.of(add(bucket, folder, listing));
    }

    /** Keeps a listed page, learns from its keys and, while the rows come in key order, lists the next page ahead. */
    private Page add(String bucket, Folder folder, Listing listing) {
        Page page = listing.page();
        folder.pages.put(page.after(), page);
        folder.listed++;
        if (listing.cut()) {
            folder.prefixLength = sharedLength(listing.firstKey(), listing.lastKey());
        } else if (page.prefix().length() > folder.folderLength && listing.size() < pageSize / 4) {
            // Too narrow: a page that ends its prefix this early means a request for a few keys.
            // The next page is listed under the folder, and its keys say how far to narrow again.
            folder.prefixLength = folder.folderLength;
        }
        boolean inKeyOrder = folder.hits >= folder.listed;
        boolean more = listing.cut() || page.prefix().length() > folder.folderLength;
        if (inKeyOrder && more && listing.size() > 0 && folder.next == null) {
            String prefix = listing.cut() ? page.prefix() : page.prefix().substring(0, page.prefix().length() - 1);
            String after = listing.lastKey();
            folder.nextAfter = after;
            folder.next = CompletableFuture.supplyAsync(() -> list(bucket, prefix, after), ahead);
        }
        return page;
    }

    private Listing list(String bucket, String prefix, String after) {
        Instant now = clock.instant();
        ListObjectsV2Response answer = s3.get().listObjectsV2(request -> request
                .bucket(bucket).prefix(prefix).startAfter(after).maxKeys(pageSize));
        List<S3Object> objects = answer.contents();
        Map<String, String> identities = new HashMap<>();
        for (S3Object object : objects) {
            if (object.eTag() != null && object.size() != null) {
                identities.put(object.key(), S3SourceStore.identity(object.eTag(), object.size()));
            }
        }
        boolean cut = Boolean.TRUE.equals(answer.isTruncated()) && !objects.isEmpty();
        String first = objects.isEmpty() ? null : objects.get(0).key();
        String last = objects.isEmpty() ? null : objects.get(objects.size() - 1).key();
        return new Listing(new Page(prefix, after, cut ? last : null, identities, now), cut, first, last, objects.size());
    }

    private static int sharedLength(String first, String last) {
        int length = 0;
        while (length < first.length() && length < last.length() && first.charAt(length) == last.charAt(length)) {
            length++;
        }
        return length;
    }
}
