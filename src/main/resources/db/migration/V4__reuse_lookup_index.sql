-- The reuse lookup (the newest SUCCEEDED or REUSED row with a fingerprint) read every row with
-- that fingerprint and sorted them: one more each run of the same catalog. Read by time, newest
-- first, it stops at the first row whose status fits.
DROP INDEX BACKDROP_ROW_FINGERPRINT_IDX;
CREATE INDEX BACKDROP_ROW_REUSE_IDX ON BACKDROP_ROW (FINGERPRINT, UPDATED_AT);
