-- A host is an address in a zone (issue "zones mapped to Qualys networks"): overlapping private ranges behind
-- different Qualys networks hold different devices at the same address, so the same address may be indexed in
-- several zones, once in each. The zone becomes part of the key, and a host without one is stored in the zone named
-- 'default' (it was NULL, which a unique key would not tell apart). The key leads with the address: every list and
-- count walks the inventory in address order, and an address's hosts are next to each other in it.
UPDATE indexed_hosts SET zone = 'default' WHERE zone IS NULL;
ALTER TABLE indexed_hosts ALTER COLUMN zone SET DEFAULT 'default';
ALTER TABLE indexed_hosts ALTER COLUMN zone SET NOT NULL;
ALTER TABLE indexed_hosts DROP CONSTRAINT indexed_hosts_ip;
ALTER TABLE indexed_hosts ADD CONSTRAINT indexed_hosts_ip_zone UNIQUE (ip, zone);
-- The inventory page sorts by host name with the address and the zone breaking ties (HostSort): its index gets the
-- zone too, so that H2, which matches an order to an index only as a prefix of it, still walks it. The dashboard's
-- lists, sorted by (hostname, ip), use its prefix.
DROP INDEX indexed_hosts_hostname_ip;
CREATE INDEX indexed_hosts_hostname_ip ON indexed_hosts (hostname, ip, zone);
