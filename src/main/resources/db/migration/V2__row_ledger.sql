-- A prompt given as a default is a job parameter and may be as long as the API allows (4,000).
ALTER TABLE BATCH_JOB_EXECUTION_PARAMS ALTER COLUMN PARAMETER_VALUE SET DATA TYPE VARCHAR(8000);

-- Each row's progress, written as it happens and outside any chunk transaction, so that a
-- restart after a crash reuses every upload, every paid feature call and every written output.
CREATE TABLE BACKDROP_ROW (
    JOB_INSTANCE_ID   BIGINT        NOT NULL,
    ROW_NO            INTEGER       NOT NULL,
    LINE_NO           BIGINT        NOT NULL,
    ROW_ID            VARCHAR(1024) NOT NULL,
    IMAGE             VARCHAR(4096) NOT NULL,
    STATUS            VARCHAR(16)   NOT NULL,
    ASSET_PATH        VARCHAR(2048),
    AI_RECORD_UUID    VARCHAR(255),
    RESULT_PATH       VARCHAR(2048),
    TEMPORARY_URL     VARCHAR(8000),
    OUTPUT_LOCATION   VARCHAR(4096),
    ATTEMPTS          INTEGER       DEFAULT 0 NOT NULL,
    ERROR             VARCHAR(4000),
    RETRYABLE         BOOLEAN       DEFAULT FALSE NOT NULL,
    JOB_EXECUTION_ID  BIGINT        NOT NULL,
    UPDATED_AT        TIMESTAMP     NOT NULL,
    CONSTRAINT BACKDROP_ROW_PK PRIMARY KEY (JOB_INSTANCE_ID, ROW_NO)
);

CREATE INDEX BACKDROP_ROW_STATUS_IDX ON BACKDROP_ROW (JOB_INSTANCE_ID, STATUS);
