-- Quota planning (docs/SYNC.md): a run that the Qualys API quota left cannot hold ends PAUSED, before any write,
-- and says when the next attempt is; every run records the calls it planned beside those it made.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_outcome;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_outcome
    CHECK (outcome IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED', 'PAUSED'));
ALTER TABLE sync_runs ADD COLUMN resume_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sync_runs ADD COLUMN planned_calls INTEGER;
-- The share of each Qualys API's hourly calls that runs leave to other tools, in percent.
ALTER TABLE qualys_settings ADD COLUMN quota_reserve_percent INTEGER DEFAULT 50 NOT NULL;
