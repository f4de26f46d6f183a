-- Held runs (docs/RELIABILITY.md#held-runs): a run whose host list or subscription came back empty, or smaller than
-- the threshold against the stored snapshot, stores nothing and writes nothing to Qualys, and ends HELD with both
-- sizes (in addresses); an admin's acceptance is recorded on it.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_outcome;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_outcome
    CHECK (outcome IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED', 'PAUSED', 'HELD'));
ALTER TABLE sync_runs ADD COLUMN kept_scanned NUMERIC(40);
ALTER TABLE sync_runs ADD COLUMN kept_subscribed NUMERIC(40);
ALTER TABLE sync_runs ADD COLUMN held_scanned NUMERIC(40);
ALTER TABLE sync_runs ADD COLUMN held_subscribed NUMERIC(40);
ALTER TABLE sync_runs ADD COLUMN accepted_by VARCHAR(100);
ALTER TABLE sync_runs ADD COLUMN accepted_at TIMESTAMP WITH TIME ZONE;
-- The Qualys server and username a run used: an answer from another subscription is not judged against this one's.
ALTER TABLE sync_runs ADD COLUMN qualys_account VARCHAR(600);
-- A run is held when its host list or subscription is smaller than this share of the stored snapshot, in percent.
ALTER TABLE qualys_settings ADD COLUMN hold_below_percent INTEGER DEFAULT 50 NOT NULL;
-- When a run stored its Qualys snapshot (in the transaction that stored it): the dashboard tells the time of the
-- data it shows, also while that run is still editing the DISCOVERED group, or after it failed doing so.
ALTER TABLE sync_runs ADD COLUMN snapshot_at TIMESTAMP WITH TIME ZONE;
