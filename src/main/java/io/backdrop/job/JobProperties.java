package io.backdrop.job;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a run is carried out. None of these change what a row's result is, so each may differ
 * between a job's first execution and its restart.
 *
 * @param concurrency      rows worked on at once (calls in flight)
 * @param chunkSize        rows read and validated per chunk; does not hold workers back
 * @param maxFailures      the job fails when more rows than this have FAILED; negative for no limit
 * @param maxFailureRate   the job fails when more than this share of the last {@code failureWindow}
 *                         finished rows have FAILED
 * @param failureWindow    how many of the latest finished rows the rate looks at
 * @param workDirectory    where downloads are staged before they are published; the system's temp folder by default
 * @param maxImages        paid calls this execution may make; negative for no limit
 * @param force            pay for every row, even one an earlier SUCCEEDED result could be reused for
 */
@ConfigurationProperties("backdrop.job")
public record JobProperties(
        @DefaultValue("8") int concurrency,
        @DefaultValue("10") int chunkSize,
        @DefaultValue("-1") int maxFailures,
        @DefaultValue("0.5") double maxFailureRate,
        @DefaultValue("20") int failureWindow,
        Path workDirectory,
        @DefaultValue("-1") long maxImages,
        @DefaultValue("false") boolean force) {

    /**
     * Each row in flight holds a worker thread and a connection; far more than an account's rate
     * limit allows only costs memory and gets 429s.
     */
    public static final int MAX_CONCURRENCY = 256;

    public JobProperties {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency (backdrop.job.concurrency) must be from 1 to " + MAX_CONCURRENCY
                    + " (rows in flight, each holding a thread and a connection), is " + concurrency);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("backdrop.job.chunk-size must be at least 1, is " + chunkSize);
        }
        if (maxFailureRate <= 0 || maxFailureRate > 1) {
            throw new IllegalArgumentException("--max-failure-rate (backdrop.job.max-failure-rate) must be above 0 and at most 1, is "
                    + maxFailureRate);
        }
        if (failureWindow < 1) {
            throw new IllegalArgumentException("--failure-window (backdrop.job.failure-window) must be at least 1 row, is " + failureWindow);
        }
        workDirectory = workDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDirectory;
    }
}
