package io.backdrop.job;

/** The {@code --max-images} budget of a partitioned execution, taken from by all its partitions. */
public class SharedPaidCallBudget implements PaidCallBudget {

    private final JobTally tally;
    private final long jobExecutionId;
    private final long limit;

    /** A budget of {@code limit} paid calls for the execution; negative for no limit. */
    public SharedPaidCallBudget(JobTally tally, long jobExecutionId, long limit) {
        this.tally = tally;
        this.jobExecutionId = jobExecutionId;
        this.limit = limit;
    }

    @Override
    public boolean tryTake() {
        return limit < 0 || tally.takePaidCall(jobExecutionId, limit);
    }

    @Override
    public long limit() {
        return limit;
    }
}
