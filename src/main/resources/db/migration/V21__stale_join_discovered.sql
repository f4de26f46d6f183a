-- Optional, off by default: indexed hosts Qualys scanned, but not within "Stale after N days", join the DISCOVERED
-- group (docs/SYNC.md).
ALTER TABLE qualys_settings ADD COLUMN stale_join_discovered BOOLEAN DEFAULT FALSE NOT NULL;
