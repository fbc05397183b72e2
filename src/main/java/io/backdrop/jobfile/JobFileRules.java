package io.backdrop.jobfile;

import io.backdrop.validation.RowDefaultsCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a job file's values keep beyond their types. A bad default would reject every row of
 * the manifest one by one; in the job file it is one clear configuration error before anything runs.
 */
final class JobFileRules {

    /** The form the command line's {@code --rate-limit} takes. */
    static final Pattern RATE_LIMIT = Pattern.compile("([1-9][0-9]{0,8})/min");

    private JobFileRules() {
    }

    /** Every broken rule as "key: rule"; empty when the job file keeps them all. */
    static List<String> violations(JobFile job) {
        List<String> problems = new ArrayList<>();
        if (job.name() != null && job.name().isBlank()) {
            problems.add("name: must not be blank (leave it out to use the file's name)");
        }
        required(problems, "manifest", job.manifest());
        required(problems, "output", job.output());

        problems.addAll(RowDefaultsCheck.problems(job.defaults().rowDefaults(), "defaults."));

        atLeast(problems, "concurrency", job.concurrency(), 1);
        if (job.rateLimit() != null && !RATE_LIMIT.matcher(job.rateLimit().trim()).matches()) {
            problems.add("rate-limit: '" + job.rateLimit() + "' must be calls per minute, e.g. 60/min");
        }

        JobFile.Retry retry = job.retry();
        atLeast(problems, "retry.max-attempts", retry.maxAttempts(), 1);
        positive(problems, "retry.initial-backoff", retry.initialBackoff());
        positive(problems, "retry.max-backoff", retry.maxBackoff());
        positive(problems, "retry.max-retry-time", retry.maxRetryTime());
        if (retry.initialBackoff() != null && retry.maxBackoff() != null
                && retry.initialBackoff().compareTo(retry.maxBackoff()) > 0) {
            problems.add("retry.initial-backoff: must not be longer than retry.max-backoff");
        }

        JobFile.Skip skip = job.skip();
        atLeast(problems, "skip.max-failures", skip.maxFailures(), 0);
        if (skip.maxFailureRate() != null && !(skip.maxFailureRate() >= 0 && skip.maxFailureRate() <= 1)) {
            problems.add("skip.max-failure-rate: must be a share from 0 to 1, e.g. 0.5 (is " + skip.maxFailureRate() + ")");
        }
        atLeast(problems, "skip.failure-window", skip.failureWindow(), 1);

        atLeast(problems, "budget.max-images", job.budget().maxImages(), 0);
        atLeast(problems, "budget.confirm-over", job.budget().confirmOver(), 0);
        if (job.budget().reserveCredits() != null && job.budget().reserveCredits() < 0) {
            problems.add("budget.reserve-credits: must be at least 0 (is " + job.budget().reserveCredits() + ")");
        }
        return problems;
    }

    private static void required(List<String> problems, String key, String value) {
        if (value == null || value.isBlank()) {
            problems.add("missing key '" + key + "'");
        }
    }

    private static void atLeast(List<String> problems, String key, Integer value, int min) {
        if (value != null && value < min) {
            problems.add(key + ": must be at least " + min + " (is " + value + ")");
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            problems.add(key + ": must be longer than zero");
        }
    }
}
