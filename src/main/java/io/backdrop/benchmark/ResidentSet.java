package io.backdrop.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's peak resident set (VmHWM), where the kernel reports it (Linux). */
final class ResidentSet {

    private ResidentSet() {
    }

    /** The peak in bytes, or -1 where it is not known. */
    static long peakBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux, not readable, or the process has ended: the figure is reported as unknown
        }
        return -1;
    }
}
