-- What a row's result depends on (source bytes, filled-in prompt, size, quality, background,
-- model), so a later run can reuse an earlier SUCCEEDED result instead of paying again.
ALTER TABLE BACKDROP_ROW ADD COLUMN FINGERPRINT VARCHAR(64);

CREATE INDEX BACKDROP_ROW_FINGERPRINT_IDX ON BACKDROP_ROW (FINGERPRINT, STATUS);
