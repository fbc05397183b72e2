package io.backdrop.job;

import io.backdrop.model.CallConcurrency;
import io.backdrop.model.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a run is carried out. None of these change what a row's result is, so each may differ
 * between a job's first execution and its restart.
 *
 * @param concurrency      paid feature calls in flight at once
 * @param chunkSize        rows read and validated per chunk; does not hold workers back
 * @param maxFailures      the job fails when more rows than this have FAILED; null for no limit
 * @param maxFailureRate   the job fails when more than this share of the last {@code failureWindow}
 *                         finished rows have FAILED
 * @param failureWindow    how many of the latest finished rows the rate looks at
 * @param workDirectory    where downloads are staged before they are published; the system's temp folder by default
 * @param maxImages        paid calls this execution may make; null for no limit
 * @param force            pay for every row, even one an earlier SUCCEEDED result could be reused for
 * @param headroom         rows worked on besides those holding a call; null for as many as {@code concurrency}
 * @param commitWindow     how long a ledger write may wait for others to share its commit ({@link GroupCommit}):
 *                         each commit on H2 writes to disk, and rows finishing together then write once
 */
@ConfigurationProperties("backdrop.job")
public record JobProperties(
        @DefaultValue("8") int concurrency,
        @DefaultValue("100") int chunkSize,
        Integer maxFailures,
        @DefaultValue("0.5") double maxFailureRate,
        @DefaultValue("20") int failureWindow,
        Path workDirectory,
        Long maxImages,
        @DefaultValue("false") boolean force,
        Integer headroom,
        @DefaultValue("10ms") Duration commitWindow) {

    /** Far more calls at once than an account's rate limit allows only costs memory and gets 429s. */
    public static final int MAX_CONCURRENCY = CallConcurrency.MAX_CALLS;

    public static final Setting<Integer> CONCURRENCY = Setting.wholeNumber("backdrop.job.concurrency", "--concurrency",
            "concurrency", 1, MAX_CONCURRENCY, "paid calls in flight, with as many rows again worked on around them");
    /** A property only: fewer rows keep fewer staged copies on disk; 0 works each row only while it may call. */
    public static final Setting<Integer> HEADROOM = Setting.wholeNumber("backdrop.job.headroom", null, null, 0,
            CallConcurrency.MAX_HEADROOM, "rows beside the calls, each holding a thread and a staged copy");
    public static final Setting<Integer> CHUNK_SIZE = Setting.wholeNumber("backdrop.job.chunk-size", null, null, 1);
    public static final Setting<Integer> MAX_FAILURES =
            Setting.wholeNumber("backdrop.job.max-failures", "--max-failures", "skip.max-failures", 0);
    public static final Setting<Double> MAX_FAILURE_RATE =
            Setting.share("backdrop.job.max-failure-rate", "--max-failure-rate", "skip.max-failure-rate");
    public static final Setting<Integer> FAILURE_WINDOW =
            Setting.wholeNumber("backdrop.job.failure-window", "--failure-window", "skip.failure-window", 1);
    /** A property only: a write made while holding a call slot never waits (see {@link GroupCommit}). */
    public static final Setting<Duration> COMMIT_WINDOW = Setting.duration("backdrop.job.commit-window", null, null,
            Duration.ZERO, Duration.ofSeconds(1));
    public static final Setting<Long> MAX_IMAGES =
            Setting.count("backdrop.job.max-images", "--max-images", "budget.max-images", 0);

    /** The settings these properties take, each with the rule it keeps. */
    public static final List<Setting<?>> SETTINGS =
            List.of(CONCURRENCY, HEADROOM, CHUNK_SIZE, MAX_FAILURES, MAX_FAILURE_RATE, FAILURE_WINDOW, MAX_IMAGES,
                    COMMIT_WINDOW);

    public JobProperties {
        CONCURRENCY.check(concurrency);
        HEADROOM.check(headroom);
        CHUNK_SIZE.check(chunkSize);
        MAX_FAILURES.check(maxFailures);
        MAX_FAILURE_RATE.check(maxFailureRate);
        FAILURE_WINDOW.check(failureWindow);
        MAX_IMAGES.check(maxImages);
        COMMIT_WINDOW.check(commitWindow);
        workDirectory = workDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDirectory;
    }

    /** The calls in flight and the rows worked on around them. */
    public CallConcurrency calls() {
        return CallConcurrency.of(concurrency, headroom);
    }
}
