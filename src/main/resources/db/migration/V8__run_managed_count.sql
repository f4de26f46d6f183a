-- |I ∩ M| of each run: indexed addresses Qualys scanned, so the dashboard can chart coverage over time.
ALTER TABLE sync_runs ADD COLUMN count_managed BIGINT;
