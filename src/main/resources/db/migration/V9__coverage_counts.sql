-- The dashboard's seven base counts (docs/DASHBOARD.md), one row kept up to date where the data changes: every
-- inventory change adds its difference, every sync run counts again in the transaction that replaces the Qualys
-- snapshot. NULL counts mean "not counted yet": the application counts at start-up (io.assetmanager.counts).
CREATE TABLE coverage_counts (
    id                       INTEGER PRIMARY KEY,
    count_indexed            BIGINT,
    count_subscribed         NUMERIC(40),
    count_scanned            BIGINT,
    count_indexed_subscribed BIGINT,
    count_scanned_subscribed BIGINT,
    count_indexed_scanned    BIGINT,
    count_all_three          BIGINT,
    subscribed_ranges        INTEGER,
    CONSTRAINT coverage_counts_single_row CHECK (id = 1)
);
INSERT INTO coverage_counts (id) VALUES (1);
