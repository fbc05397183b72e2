package io.backdrop;

import io.backdrop.benchmark.BenchmarkCommand;
import io.backdrop.cli.BackdropCli;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The entry point: the console with every command. It sits above all packages so that the
 * benchmark, which drives the console, can be one of the console's commands without the
 * console depending on it.
 */
public final class Backdrop {

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Backdrop() {
    }

    public static void main(String[] args) {
        // The JDK HttpClient (the benchmark's thread-pool runner and S3 server process use it; the
        // API client does not) completes every call through the common pool, which on a machine of
        // two cores or fewer starts a thread per task; a few pooled threads serve all calls instead.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "4");
        }
        System.exit(console(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args));
    }

    /** The console with the job commands and the benchmark. */
    public static BackdropCli console(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return new BackdropCli(environment, out, err, List.of(starter -> new BenchmarkCommand(starter, Backdrop.class)));
    }
}
