-- What each source location held when it was last read in full, under the identity its storage
-- gave for that content (S3 ETag and size, a file's size, times and inode, an http validator):
-- while the storage gives the same identity, the source is not read again to know its
-- fingerprint, size or format. Keyed by a hash of the location, since a location may be longer
-- than an index entry may be.
CREATE TABLE BACKDROP_SOURCE (
    LOCATION_HASH  CHAR(64)      NOT NULL,
    LOCATION       VARCHAR(4096) NOT NULL,
    IDENTITY       VARCHAR(2048) NOT NULL,
    BYTES          BIGINT        NOT NULL,
    HEAD           VARCHAR(64)   NOT NULL,
    CONTENT_SHA256 CHAR(64)      NOT NULL,
    RECORDED_AT    TIMESTAMP     NOT NULL,
    CONSTRAINT BACKDROP_SOURCE_PK PRIMARY KEY (LOCATION_HASH)
);
