package io.backdrop.progress;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;

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
     * Whether this process talks to a terminal. From JDK 22 {@link System#console()} answers even
     * when the output is redirected and {@code Console.isTerminal()} tells; JDK 17, which this
     * project compiles for, has no such method, hence the look-up.
     */
    public static boolean onTerminal() {
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
