-- What each run left unmanaged by Qualys, |I − S| against the subscription as the run left it: the dashboard's
-- history chart draws it beside the coverage. Runs from before stay NULL (a gap in that line).
ALTER TABLE sync_runs ADD COLUMN count_unmanaged_by_qualys BIGINT;
