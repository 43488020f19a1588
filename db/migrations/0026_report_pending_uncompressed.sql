-- report_pending (0022) holds each statement's rollup deltas until its transaction commits: an array of
-- one composite value per changed row, ~100 KB for a batch of 1,000 commissions. Arrays that large were
-- TOAST-compressed (pglz) on insert and decompressed at commit, about 5% of the database CPU of a
-- commissions batch, to save space in rows that live only until the commit. Kept out of line, uncompressed.
ALTER TABLE report_pending ALTER COLUMN deltas SET STORAGE EXTERNAL;
