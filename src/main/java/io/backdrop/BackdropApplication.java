package io.backdrop;

import io.backdrop.cli.BackdropCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application behind every command that needs job state; the console comes first. */
@SpringBootApplication
public class BackdropApplication {

    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // The JDK HttpClient completes every call through the common pool, which on a machine of
        // two cores or fewer starts a thread per task; a few pooled threads serve all calls instead.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "4");
        }
        System.exit(BackdropCli.standard().execute(args));
    }
}
