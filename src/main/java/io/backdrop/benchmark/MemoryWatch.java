package io.backdrop.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
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
 * live set: a full collection every so often, and the heap as that collection left it, heard from
 * the collector's notification.
 * <p>
 * A young collection's "after" still holds old garbage that G1 has not yet reclaimed, which makes
 * an after-GC peak grow with run time rather than with live data; and reading the heap once the
 * collection has returned would count what the job's threads allocated in between, which makes the
 * peak grow with the number of samples. Only the watch's own full collections count.
 */
final class MemoryWatch implements AutoCloseable {

    /** The cause a collection asked for with {@link System#gc()} reports. */
    private static final String EXPLICIT_COLLECTION = "System.gc()";

    private final AtomicLong mostAfterGc = new AtomicLong();
    private final AtomicLong collectionsHeard = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private final ScheduledExecutorService liveSampler;

    MemoryWatch(Duration liveSampling) {
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
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
        if (!EXPLICIT_COLLECTION.equals(info.getGcCause())) {
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
        collectionsHeard.incrementAndGet();
    }

    /** The watch's own full collections whose result has been counted so far. */
    long collectionsHeard() {
        return collectionsHeard.get();
    }

    MemoryPeaks peaks() {
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            poolPeaks += pool.getPeakUsage().getUsed();
        }
        return new MemoryPeaks(mostAfterGc.get(), poolPeaks, ResidentSet.peakBytes(ProcessHandle.current().pid()));
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    @Override
    public void close() {
        liveSampler.shutdownNow();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
