package io.backdrop.cli;

import io.backdrop.job.CreditProperties;
import io.backdrop.job.JobProperties;
import io.backdrop.job.RunSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/** How a run is carried out: shared by {@code run} and {@code restart}, all safe to change on restart. */
public class JobOptions {

    @Option(names = "--concurrency", paramLabel = "N", description = "Paid calls in flight at once (default 8, at most 256); as many rows again are staged, uploaded and published around them.")
    String concurrency;

    @Option(names = "--max-failures", paramLabel = "N",
            description = "Fail the job when more than N rows have failed (default: no count limit).")
    String maxFailures;

    @Option(names = "--max-failure-rate", paramLabel = "RATE",
            description = "Fail the job when more than this share of the latest finished rows failed (default 0.5).")
    String maxFailureRate;

    @Option(names = "--failure-window", paramLabel = "N",
            description = "How many of the latest finished rows the failure rate looks at (default 20).")
    String failureWindow;

    @Option(names = "--max-images", paramLabel = "N",
            description = "Make at most N paid calls in this execution; then the job stops, restartable.")
    String maxImages;

    @Option(names = "--reserve-credits", paramLabel = "N",
            description = "Stop before a paid call when the latest answer left the team fewer than N credits; "
                    + "the job stops, restartable (default: no reserve).")
    String reserveCredits;

    @Option(names = "--force", description = "Pay for every row, even one an earlier result could be reused for.")
    Boolean force;

    @Option(names = "--rehash-sources",
            description = "Read and hash every source in full, trusting no ETag, file time or http validator to say it is unchanged.")
    Boolean rehashSources;

    public void addProperties(Map<String, Object> properties) {
        OptionValues.put(properties, JobProperties.MAX_IMAGES, maxImages);
        ApiOptions.putIfSet(properties, "backdrop.job.force", force);
        OptionValues.put(properties, CreditProperties.RESERVE, reserveCredits);
        ApiOptions.putIfSet(properties, "backdrop.sources.rehash", rehashSources);
        OptionValues.put(properties, JobProperties.CONCURRENCY, concurrency);
        OptionValues.put(properties, JobProperties.MAX_FAILURES, maxFailures);
        OptionValues.put(properties, JobProperties.MAX_FAILURE_RATE, maxFailureRate);
        OptionValues.put(properties, JobProperties.FAILURE_WINDOW, failureWindow);
    }
}
