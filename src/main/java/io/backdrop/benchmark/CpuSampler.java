package io.backdrop.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples this process's CPU time every few dozen milliseconds on a thread of its own, split
 * into the sandbox's threads, all Java threads and the whole process, into a {@link CpuTimeline}.
 * <p>
 * Per-thread CPU time is only readable while a thread lives, and Backdrop's workers end with the
 * step; so the last value seen for each thread is kept, and what a thread spends after the last
 * sample before it ends is lost (a few milliseconds at most per thread).
 */
final class CpuSampler implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(50);
    private static final String[] SANDBOX_THREADS = {"sandbox-http-", "HTTP-Dispatcher"};

    private final com.sun.management.OperatingSystemMXBean os;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean() != null
            && ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported()
            ? ManagementFactory.getCompilationMXBean() : null;
    private final CpuTimeline timeline = new CpuTimeline();
    private final Map<Long, Long> lastCpuByThread = new HashMap<>();
    private final Map<Long, Boolean> sandboxThread = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;

    CpuSampler() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean)
                || !threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not report process and thread CPU time");
        }
        this.os = bean;
        threads.setThreadCpuTimeEnabled(true);
        sample();
        sampler = new Thread(this::run, "benchmark-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    CpuTimeline timeline() {
        return timeline;
    }

    private void run() {
        while (running.get()) {
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        long mine = Thread.currentThread().getId();
        for (long id : threads.getAllThreadIds()) {
            if (id == mine) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                lastCpuByThread.put(id, cpu);
                sandboxThread.computeIfAbsent(id, this::isSandbox);
            }
        }
        long java = 0;
        long sandbox = 0;
        for (Map.Entry<Long, Long> entry : lastCpuByThread.entrySet()) {
            java += entry.getValue();
            if (sandboxThread.getOrDefault(entry.getKey(), false)) {
                sandbox += entry.getValue();
            }
        }
        long jit = compiler == null ? 0 : compiler.getTotalCompilationTime() * 1_000_000;
        timeline.add(new CpuSample(System.currentTimeMillis(), os.getProcessCpuTime(), sandbox, java, jit));
    }

    private boolean isSandbox(long id) {
        ThreadInfo info = threads.getThreadInfo(id, 0);
        if (info == null) {
            return false;
        }
        for (String prefix : SANDBOX_THREADS) {
            if (info.getThreadName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
