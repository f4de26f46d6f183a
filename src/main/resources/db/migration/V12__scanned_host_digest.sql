-- A digest of each stored scanned host's columns, so that a sync run stages and rewrites only the hosts Qualys
-- reports differently from the last run (at a million hosts most runs change a small share). NULL (rows stored
-- before this column existed) never matches: such a host is written again once.
ALTER TABLE qualys_scanned_ips ADD COLUMN row_digest BIGINT;
ALTER TABLE qualys_scanned_staging ADD COLUMN row_digest BIGINT;
