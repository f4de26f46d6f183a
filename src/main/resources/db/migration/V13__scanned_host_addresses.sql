-- Every address of a scanned host is in set M: a Qualys host with both IP and IPV6 has one row per address, the
-- host's details and digest on each (docs/DATA-MODEL.md). A host ID is unique per address, no longer on its own.
ALTER TABLE qualys_scanned_ips DROP CONSTRAINT qualys_scanned_ips_host;
ALTER TABLE qualys_scanned_ips ADD CONSTRAINT qualys_scanned_ips_host_ip UNIQUE (qualys_host_id, ip);
