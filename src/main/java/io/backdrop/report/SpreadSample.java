package io.backdrop.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An evenly spread sample of at most {@code capacity} items from a stream whose length is not
 * known in advance: the items at every {@code stride}-th place, the stride doubling whenever more
 * than {@code capacity} are kept. Its memory is bounded whatever the stream's length, and items
 * offered late replace earlier ones only a logarithmic number of times: about
 * {@code capacity/2 x log2(n/capacity)} admissions over a stream of n items. Told how long the
 * stream is expected to be, it starts at the stride that length needs: about {@code capacity}
 * admissions in all when the guess is right, and still a bounded, evenly spread sample when it
 * is not (fewer items leave a smaller sample, more items double the stride as before).
 *
 * <p>Safe for many threads; an item's place is the order its {@link #offer} came in.
 */
public final class SpreadSample<T> {

    /** What offering an item did: whether it is kept now, and the items it pushed out. */
    public record Admission<T>(boolean kept, List<T> evicted) {
    }

    private final int capacity;
    private final TreeMap<Long, T> kept = new TreeMap<>();
    private long stride = 1;
    private long offered;

    public SpreadSample(int capacity) {
        this(capacity, 0);
    }

    /** @param expected how many items the stream is expected to hold; 0 when not known */
    public SpreadSample(int capacity, long expected) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a sample holds at least one item, not " + capacity);
        }
        if (expected < 0) {
            throw new IllegalArgumentException("a stream holds no fewer than 0 items, not " + expected);
        }
        this.capacity = capacity;
        // Rounded up: the expected stream then fills the sample without pushing anything out.
        this.stride = Math.max(1, (expected + capacity - 1) / capacity);
    }

    public synchronized Admission<T> offer(T item) {
        long place = offered++;
        if (place % stride != 0) {
            return new Admission<>(false, List.of());
        }
        kept.put(place, item);
        List<T> evicted = new ArrayList<>();
        while (kept.size() > capacity) {
            stride *= 2;
            for (Iterator<Map.Entry<Long, T>> it = kept.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Long, T> entry = it.next();
                if (entry.getKey() % stride != 0) {
                    evicted.add(entry.getValue());
                    it.remove();
                }
            }
        }
        boolean stays = kept.containsKey(place);
        if (!stays) {
            evicted.remove(item);
        }
        return new Admission<>(stays, List.copyOf(evicted));
    }

    /** Whether the item is in the sample now. */
    public synchronized boolean holds(T item) {
        return kept.containsValue(item);
    }

    /** The sample in the order the items were offered. */
    public synchronized List<T> items() {
        return List.copyOf(kept.values());
    }

    /** How many items were offered, kept or not. */
    public synchronized long offered() {
        return offered;
    }

    /** {@code n} of the items, spread evenly over the list from its first to its last; all of them if there are no more. */
    public static <T> List<T> evenly(List<T> items, int n) {
        if (n <= 0) {
            return List.of();
        }
        if (items.size() <= n) {
            return List.copyOf(items);
        }
        List<T> picked = new ArrayList<>(n);
        if (n == 1) {
            picked.add(items.get(0));
            return picked;
        }
        for (int i = 0; i < n; i++) {
            picked.add(items.get((int) Math.round((double) i * (items.size() - 1) / (n - 1))));
        }
        return picked;
    }
}
