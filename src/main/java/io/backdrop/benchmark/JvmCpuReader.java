package io.backdrop.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads another JVM's CPU time from Linux's {@code /proc}: the whole process's user + system time
 * from {@code /proc/<pid>/stat}, and, to split it, each thread's from {@code /proc/<pid>/task},
 * sorted by its name into garbage collector or JIT compiler. The JVM itself cannot do this: its
 * management beans only see Java threads, and report the compiler's time as elapsed time, which on
 * a busy machine counts the time the compiler waited for a core.
 * <p>
 * The process's figure is the one that counts: the kernel adds the time of every thread that has
 * ended to it, so nothing a short-lived thread used is lost between two reads. The application's
 * share is that total less the collector's and the compiler's threads (long-lived, and kept by the
 * reader at the last time it saw them, should one end), so the three parts always add up to it.
 * <p>
 * Elsewhere it falls back to the process's total CPU time, unsplit.
 */
final class JvmCpuReader {

    /** Linux reports thread CPU time in USER_HZ ticks, which its ABI fixes at 100 a second. */
    private static final long NANOS_PER_TICK = 10_000_000;

    private final ProcessHandle process;
    private final Path tasks;
    private final Path processStat;
    /** What was last seen of each collector and compiler thread, by thread id (the application's is the rest). */
    private final Map<String, ThreadTime> seen = new HashMap<>();

    private record ThreadTime(ThreadKind kind, long nanos) {
    }

    JvmCpuReader(ProcessHandle process) {
        this.process = process;
        this.tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        this.processStat = Path.of("/proc", Long.toString(process.pid()), "stat");
    }

    enum ThreadKind { APPLICATION, GC, JIT }

    /** The CPU the process has used so far, all of it, split by thread kind; nothing once the process has gone. */
    Optional<JvmCpu> read() {
        if (!Files.isDirectory(tasks)) {
            return process.info().totalCpuDuration().map(total -> new JvmCpu(total.toNanos(), 0, 0, false));
        }
        long processNanos;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                ThreadKind kind = kindOf(name(stat));
                if (kind != ThreadKind.APPLICATION) {
                    seen.put(thread.getFileName().toString(), new ThreadTime(kind, cpuTicks(stat) * NANOS_PER_TICK));
                }
            }
            // Read after the threads, so that it is never less than their sum.
            processNanos = cpuTicks(Files.readString(processStat)) * NANOS_PER_TICK;
        } catch (NoSuchFileException exited) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<ThreadKind, Long> byKind = new EnumMap<>(ThreadKind.class);
        seen.values().forEach(thread -> byKind.merge(thread.kind(), thread.nanos(), Long::sum));
        return Optional.of(JvmCpu.ofProcess(processNanos, byKind.getOrDefault(ThreadKind.GC, 0L),
                byKind.getOrDefault(ThreadKind.JIT, 0L)));
    }

    /**
     * HotSpot's names for its own threads, as Linux shows them (cut to 15 characters):
     * "C2 CompilerThre", "C1 CompilerThre"; "GC Thread#0", "G1 Conc#0", "G1 Refine#0", "G1 Service",
     * and "VM Thread", which runs the collector's pauses.
     */
    static ThreadKind kindOf(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
            return ThreadKind.JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
            return ThreadKind.GC;
        }
        return ThreadKind.APPLICATION;
    }

    /**
     * utime + stime of a {@code stat} line, a thread's or the whole process's (which holds its ended
     * threads' time too, and not its children's: those are cutime and cstime); the name before them
     * may hold spaces and parentheses.
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // After the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }
}
