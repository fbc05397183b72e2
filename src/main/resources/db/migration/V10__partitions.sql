-- Which worker process works on a partition right now. A worker holds the lease while it works and
-- renews its heartbeat; another worker takes the partition only once the heartbeat is older than
-- the lease timeout. So a partition the broker delivers twice (a consumer timeout, a lost
-- connection) is never worked by two live workers. Keyed by the partition (its job instance and
-- name), not by its step execution: a restart's new execution of a partition still worked by a
-- live worker of the execution before waits for it too.
CREATE TABLE BACKDROP_PARTITION_LEASE (
    JOB_INSTANCE_ID   BIGINT       NOT NULL,
    PARTITION_NAME    VARCHAR(100) NOT NULL,
    STEP_EXECUTION_ID BIGINT       NOT NULL,
    JOB_EXECUTION_ID  BIGINT       NOT NULL,
    OWNER             VARCHAR(300) NOT NULL,
    HEARTBEAT         TIMESTAMP    NOT NULL,
    CONSTRAINT BACKDROP_PARTITION_LEASE_PK PRIMARY KEY (JOB_INSTANCE_ID, PARTITION_NAME)
);
CREATE INDEX BACKDROP_PARTITION_LEASE_JOB ON BACKDROP_PARTITION_LEASE (JOB_EXECUTION_ID);

-- What a partitioned execution's partitions share, wherever they run: the paid calls taken from
-- its --max-images budget, its failed rows, and why it must halt once a limit is reached, so that
-- the budget and the skip limit hold for the whole job rather than for each partition; and why a
-- partition in another process ended early, for the manager to report.
CREATE TABLE BACKDROP_JOB_TALLY (
    JOB_EXECUTION_ID BIGINT        NOT NULL,
    PAID_CALLS       BIGINT        NOT NULL,
    FAILED_ROWS      BIGINT        NOT NULL,
    HALT_REASON      VARCHAR(2000),
    ENDED_EARLY      VARCHAR(2000),
    CONSTRAINT BACKDROP_JOB_TALLY_PK PRIMARY KEY (JOB_EXECUTION_ID)
);

-- The failure rate over a job's latest finished rows, read newest first across all partitions.
CREATE INDEX BACKDROP_ROW_LATEST ON BACKDROP_ROW (JOB_INSTANCE_ID, UPDATED_AT);

-- Bucket4j's token bucket for a rate limit held across the worker processes of remote jobs.
CREATE TABLE BACKDROP_RATE_BUCKET (
    ID    BIGINT NOT NULL,
    STATE BYTEA,
    CONSTRAINT BACKDROP_RATE_BUCKET_PK PRIMARY KEY (ID)
);
