-- What each row asked for (the prompt as sent, its size, quality and background), recorded with
-- the row's first ledger write, so that report.html is made from the ledger alone: no second
-- read of the manifest, no second validation, no source fetched again. Rows recorded before
-- this migration have none and show blank fields.
ALTER TABLE BACKDROP_ROW ADD COLUMN PROMPT VARCHAR(4000);
ALTER TABLE BACKDROP_ROW ADD COLUMN IMAGE_SIZE VARCHAR(64);
ALTER TABLE BACKDROP_ROW ADD COLUMN QUALITY VARCHAR(64);
ALTER TABLE BACKDROP_ROW ADD COLUMN BACKGROUND VARCHAR(64);
