-- The inventory's Zone filter and its list of zones (docs/INVENTORY.md, "Zones"): one zone's hosts are one stretch
-- of this index in address order, so a filtered page is an index walk from the last address shown, and
-- SELECT DISTINCT zone steps from zone to zone on H2 instead of reading the table.
CREATE INDEX indexed_hosts_zone_ip ON indexed_hosts (zone, ip);
