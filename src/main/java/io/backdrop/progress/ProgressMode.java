package io.backdrop.progress;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** How a run shows its progress while it works. */
public enum ProgressMode {
    /** A bar on a terminal; log lines when the output goes elsewhere or under CI. */
    AUTO,
    /** A bar redrawn in place on the terminal. */
    BAR,
    /** A concise log line every few seconds: what cron mail and CI logs can hold. */
    LOG,
    NONE;

    /** The mode named on the command line, whatever its case. */
    public static ProgressMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a progress mode: use auto, bar, log or none");
        }
    }

    /** AUTO made concrete for where this process writes: a bar only for a person at a terminal. */
    /** @param ci the CI environment variable, set by every CI service; null when absent */
    public ProgressMode resolve(boolean terminal, String ci) {
        if (this != AUTO) {
            return this;
        }
        boolean underCi = ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci.trim());
        return terminal && !underCi ? BAR : LOG;
    }

    /**
     * Whether standard error, where the bar is drawn, is a terminal. The console answers for
     * standard output (and input), which may be a terminal while standard error goes to a file, or
     * the other way round; on Linux the descriptor's link names the device, elsewhere the console decides.
     */
    public static boolean onTerminal() {
        return isTerminalDevice(Path.of("/proc/self/fd/2")).orElseGet(ProgressMode::consoleIsTerminal);
    }

    /** Whether a file descriptor's link names a terminal device; empty when the link cannot be read. */
    static Optional<Boolean> isTerminalDevice(Path descriptor) {
        try {
            String device = Files.readSymbolicLink(descriptor).toString();
            return Optional.of(device.startsWith("/dev/pts/") || device.startsWith("/dev/tty"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * From JDK 22 {@link System#console()} answers even when the output is redirected and
     * {@code Console.isTerminal()} tells; JDK 17, which this project compiles for, has no such
     * method, hence the look-up.
     */
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
