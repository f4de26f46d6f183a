-- A number every inventory change raises, in its transaction, under the counts row: a sync run that read the
-- inventory at version v and finds v again in its snapshot's transaction counts the dashboard's base counts from the
-- sets it holds in memory instead of from the tables (docs/DATA-MODEL.md).
ALTER TABLE coverage_counts ADD COLUMN inventory_version BIGINT DEFAULT 0 NOT NULL;
