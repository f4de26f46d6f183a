-- Scan freshness (docs/DASHBOARD.md): the two dates Qualys gives for a host's last vulnerability scan, kept as
-- given; last_scan becomes the later of them, the date a host's freshness is judged by, with an index so the hosts
-- scanned since a date are one range of it.
ALTER TABLE qualys_scanned_ips ADD COLUMN last_vuln_scan TIMESTAMP WITH TIME ZONE;
ALTER TABLE qualys_scanned_ips ADD COLUMN last_vm_scanned TIMESTAMP WITH TIME ZONE;
ALTER TABLE qualys_scanned_staging ADD COLUMN last_vuln_scan TIMESTAMP WITH TIME ZONE;
ALTER TABLE qualys_scanned_staging ADD COLUMN last_vm_scanned TIMESTAMP WITH TIME ZONE;
CREATE INDEX qualys_scanned_ips_last_scan ON qualys_scanned_ips (last_scan, ip);
-- Stored digests do not cover the new columns: each host is written again once by the next run.
UPDATE qualys_scanned_ips SET row_digest = NULL;

-- "Stale after N days": a scanned host whose last scan is older than N days counts as stale, not as covered.
ALTER TABLE qualys_settings ADD COLUMN stale_after_days INTEGER DEFAULT 30 NOT NULL;

-- The freshness part of the dashboard counts: the time the scan dates are judged at (the sync run that stored
-- them), the date from which a scan counts as fresh (that time less N days), and |I ∩ F|, the indexed addresses
-- with a fresh scan. NULL: not counted yet (counted at start-up).
ALTER TABLE coverage_counts ADD COLUMN fresh_as_of TIMESTAMP WITH TIME ZONE;
ALTER TABLE coverage_counts ADD COLUMN fresh_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE coverage_counts ADD COLUMN count_indexed_fresh BIGINT;

-- Each run's count of indexed addresses scanned, but not in the N days before the run, for the history chart.
ALTER TABLE sync_runs ADD COLUMN count_stale BIGINT;
