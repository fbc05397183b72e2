package io.backdrop.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap from now on: the heap pools' peaks, reset when the watch starts, and the
 * heap left in use after each garbage collection, heard from the collectors' notifications.
 */
final class MemoryWatch implements AutoCloseable {

    private static final Path PROCESS_STATUS = Path.of("/proc/self/status");
    /** The cause a collection asked for with {@link System#gc()} reports. */
    private static final String EXPLICIT_COLLECTION = "System.gc()";

    private final AtomicLong mostAfterGc = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    private final ScheduledExecutorService liveSampler;
    /** With live sampling, only the sampler's own full collections count. */
    private final boolean fullCollectionsOnly;

    /** Starts watching; with {@code collectFirst}, after a full collection, so earlier garbage does not count. */
    MemoryWatch(boolean collectFirst) {
        this(collectFirst, null);
    }

    /**
     * With {@code liveSampling}, the after-GC figure is the live set itself: a full collection every
     * so often, and the heap as that collection left it. A young collection's "after" still holds old
     * garbage that G1 has not yet reclaimed, which makes the after-GC peak grow with run time rather
     * than with live data; and reading the heap once the collection has returned would count what the
     * job's threads allocated in between, which makes the peak grow with the number of samples.
     */
    MemoryWatch(boolean collectFirst, Duration liveSampling) {
        if (collectFirst) {
            System.gc();
        }
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
        // Without a collection first, the heap in use now is mostly garbage, not a live figure.
        mostAfterGc.set(collectFirst ? heapUsed() : 0);
        fullCollectionsOnly = liveSampling != null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        if (liveSampling == null) {
            liveSampler = null;
            return;
        }
        liveSampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "backdrop-benchmark-live-heap");
            thread.setDaemon(true);
            return thread;
        });
        liveSampler.scheduleAtFixedRate(System::gc, liveSampling.toMillis(), liveSampling.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (fullCollectionsOnly && !EXPLICIT_COLLECTION.equals(info.getGcCause())) {
            return;
        }
        long after = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
            if (usage != null) {
                after += usage.getUsed();
            }
        }
        mostAfterGc.accumulateAndGet(after, Math::max);
    }

    MemoryPeaks peaks() {
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            poolPeaks += pool.getPeakUsage().getUsed();
        }
        return new MemoryPeaks(mostAfterGc.get(), poolPeaks, peakRss());
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmHWM, the resident set's high-water mark, where the kernel reports it (Linux). */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(PROCESS_STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux, or not readable: the figure is reported as unknown
        }
        return -1;
    }

    @Override
    public void close() {
        if (liveSampler != null) {
            liveSampler.shutdownNow();
        }
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
