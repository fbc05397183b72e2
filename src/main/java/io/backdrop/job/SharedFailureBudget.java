package io.backdrop.job;

import java.util.Optional;

/**
 * The skip limit of a partitioned execution, judged over all its partitions: the failed rows they
 * counted together, and the latest finished rows of the whole execution in the ledger. A limit one
 * partition finds reached halts every partition at its next finished row.
 */
public class SharedFailureBudget implements FailureBudget {

    private final JobTally tally;
    private final long jobInstanceId;
    private final long jobExecutionId;
    private final int maxFailures;
    private final double maxRate;
    private final int window;

    public SharedFailureBudget(JobTally tally, long jobInstanceId, long jobExecutionId, int maxFailures, double maxRate,
                               int window) {
        this.tally = tally;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
        this.maxFailures = maxFailures;
        this.maxRate = maxRate;
        this.window = window;
    }

    @Override
    public Optional<String> record(boolean failed) {
        if (!failed) {
            // A success brings no limit nearer; only another partition's verdict can stop this one.
            return tally.haltReason(jobExecutionId);
        }
        long failures = tally.addFailure(jobExecutionId);
        JobTally.LatestRows latest = tally.latestFinished(jobInstanceId, jobExecutionId, window);
        Optional<String> verdict = FailureBudget.judge(failures, maxFailures, latest.failed(), latest.finished(), maxRate, window);
        verdict.ifPresent(reason -> tally.halt(jobExecutionId, reason));
        return verdict.isPresent() ? verdict : tally.haltReason(jobExecutionId);
    }
}
