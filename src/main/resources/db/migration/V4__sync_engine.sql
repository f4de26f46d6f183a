-- The sync engine: a lease so that one run happens at a time across instances sharing the database, and a
-- staging table that receives the Qualys host list while it streams in, so the live table is replaced in one
-- short transaction only once the whole list has arrived.

CREATE TABLE sync_lease (
    id          INTEGER PRIMARY KEY,
    holder      VARCHAR(255),
    run_id      BIGINT,
    acquired_at TIMESTAMP WITH TIME ZONE,
    expires_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT sync_lease_single_row CHECK (id = 1)
);
INSERT INTO sync_lease (id) VALUES (1);

CREATE TABLE qualys_scanned_staging (
    qualys_host_id  BIGINT NOT NULL,
    ip              BYTEA  NOT NULL,
    dns             VARCHAR(1000),
    netbios         VARCHAR(255),
    os              VARCHAR(1000),
    tracking_method VARCHAR(30),
    last_scan       TIMESTAMP WITH TIME ZONE
);

-- When the integration was last switched On: the first run is due right after that.
ALTER TABLE qualys_settings ADD COLUMN enabled_since TIMESTAMP WITH TIME ZONE;
