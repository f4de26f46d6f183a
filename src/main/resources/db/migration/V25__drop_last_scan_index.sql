-- The index on (last_scan, ip) of V19 is dropped: at 1,000,000 scanned hosts (PostgreSQL 15, docs/BENCHMARKS.md,
-- "Figures, 2026-12-07") it made the first sync run's insert of the hosts 6.3 s instead of 2.7 s (scan dates come
-- in no order, so every insert lands at a random place of it), and each rewrite of a host scanned again pays for it
-- too, while the freshness count it was meant to serve was no faster with it (638 ms with it, 417-522 ms without
-- for 54% fresh; 254 against 230 ms for 9% fresh): PostgreSQL reads the Qualys table's address index or the table
-- either way. Lists test a host's freshness through the address index.
DROP INDEX IF EXISTS qualys_scanned_ips_last_scan;
