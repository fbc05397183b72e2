-- Whatever a row carries and the API answers must fit, or a paid result is lost after the call
-- (an image cell over 4,096 characters, a uuid over 255, a temporaryUrl over 8,000) and paid
-- again on every restart. TEXT is unbounded on PostgreSQL (and changing VARCHAR to it rewrites
-- no row); H2 2.x reads it as CHARACTER VARYING of up to 1,000,000,000 characters.
ALTER TABLE BACKDROP_ROW ALTER COLUMN ROW_ID SET DATA TYPE TEXT;
ALTER TABLE BACKDROP_ROW ALTER COLUMN IMAGE SET DATA TYPE TEXT;
ALTER TABLE BACKDROP_ROW ALTER COLUMN ASSET_PATH SET DATA TYPE TEXT;
ALTER TABLE BACKDROP_ROW ALTER COLUMN AI_RECORD_UUID SET DATA TYPE TEXT;
ALTER TABLE BACKDROP_ROW ALTER COLUMN RESULT_PATH SET DATA TYPE TEXT;
ALTER TABLE BACKDROP_ROW ALTER COLUMN TEMPORARY_URL SET DATA TYPE TEXT;
ALTER TABLE BACKDROP_ROW ALTER COLUMN OUTPUT_LOCATION SET DATA TYPE TEXT;
ALTER TABLE BACKDROP_ROW ALTER COLUMN ERROR SET DATA TYPE TEXT;

-- Paid feature calls whose answer was lost (a crash while CALLING, a timeout or reset after the
-- request was sent, an unreadable answer): each may have been charged without a result.
ALTER TABLE BACKDROP_ROW ADD COLUMN IN_DOUBT_CALLS INTEGER DEFAULT 0 NOT NULL;
