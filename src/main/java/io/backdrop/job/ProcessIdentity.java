package io.backdrop.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.batch.core.job.JobExecution;

/**
 * The process running an execution, recorded with it, so that a later {@code restart} can tell
 * an execution whose process died (safe to recover) from one that is still running.
 */
public record ProcessIdentity(String host, long pid) {

    static final String HOST_KEY = "backdrop.process.host";
    static final String PID_KEY = "backdrop.process.pid";

    public static ProcessIdentity current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return new ProcessIdentity(host, ProcessHandle.current().pid());
    }

    /** The process recorded with an execution; null when none was (it never started running). */
    static ProcessIdentity of(JobExecution execution) {
        var context = execution.getExecutionContext();
        if (!context.containsKey(HOST_KEY) || !context.containsKey(PID_KEY)) {
            return null;
        }
        return new ProcessIdentity(context.getString(HOST_KEY), context.getLong(PID_KEY));
    }

    /** Whether this process is known to be gone: it ran on this host and no longer exists. */
    public boolean knownDead() {
        return current().host.equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    @Override
    public String toString() {
        return "process " + pid + " on " + host;
    }
}
