-- The indexed addresses outside the subscription (I − S), one row each, kept under the counts row by every transaction
-- that stores the dashboard's base counts while they say it holds at most 100,000 addresses; outside_kept says whether
-- it is exact (docs/DATA-MODEL.md). A list of "IPs Unmanaged by Qualys" that holds few hosts among many (once
-- Auto-Subscribe has added the others) reads them from here instead of probing the inventory once for each gap between
-- the subscription's ranges (94,635 probes at a million hosts).
CREATE TABLE indexed_outside_subscription (
    ip BYTEA NOT NULL,
    CONSTRAINT indexed_outside_subscription_pk PRIMARY KEY (ip)
);
ALTER TABLE coverage_counts ADD COLUMN outside_kept BOOLEAN DEFAULT FALSE NOT NULL;
-- Counted again at the next start-up (io.assetmanager.counts.CountsStartup), which fills the set too.
UPDATE coverage_counts SET count_indexed = NULL WHERE id = 1;
