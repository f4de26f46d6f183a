-- The fencing token of the sync lease: moves on each time the lease is taken, and every write of a run checks, in
-- the write's own transaction, that it still holds the value its run took the lease with.
ALTER TABLE sync_lease ADD COLUMN token BIGINT DEFAULT 0 NOT NULL;
