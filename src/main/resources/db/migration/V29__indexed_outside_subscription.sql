-- The indexed addresses outside the subscription (I − S), one row each: every transaction that stores the dashboard's
-- base counts keeps them, under the counts row (docs/DATA-MODEL.md). A list of "IPs Unmanaged by Qualys" that holds
-- few hosts among many (once Auto-Subscribe has added the others) reads them from here instead of probing the
-- inventory once for each gap between the subscription's ranges (94,635 probes at a million hosts).
CREATE TABLE indexed_outside_subscription (
    ip BYTEA NOT NULL,
    CONSTRAINT indexed_outside_subscription_pk PRIMARY KEY (ip)
);
-- Counted again at the next start-up (io.assetmanager.counts.CountsStartup), which fills the table.
UPDATE coverage_counts SET count_indexed = NULL WHERE id = 1;
