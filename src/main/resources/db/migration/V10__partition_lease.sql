-- Which worker process works on a partition (a step execution of rows.partition) right now. A
-- worker holds the lease while it works and renews its heartbeat; another worker takes the
-- partition only once the heartbeat is older than the lease timeout. So a partition the broker
-- delivers twice (a consumer timeout, a lost connection) is never worked by two live workers.
CREATE TABLE BACKDROP_PARTITION_LEASE (
    STEP_EXECUTION_ID BIGINT       NOT NULL,
    JOB_EXECUTION_ID  BIGINT       NOT NULL,
    OWNER             VARCHAR(300) NOT NULL,
    HEARTBEAT         TIMESTAMP    NOT NULL,
    CONSTRAINT BACKDROP_PARTITION_LEASE_PK PRIMARY KEY (STEP_EXECUTION_ID)
);
CREATE INDEX BACKDROP_PARTITION_LEASE_JOB ON BACKDROP_PARTITION_LEASE (JOB_EXECUTION_ID);
