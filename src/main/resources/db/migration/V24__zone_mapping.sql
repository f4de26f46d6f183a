-- Asset Mapping by Zone (docs/SYNC.md, "Asset Mapping by Zone"): with the switch On, a sync run keeps one Qualys
-- asset group per mapped zone, created in the zone's Qualys network, instead of the one DISCOVERED group.

-- One row (id = 1): the switch. Apart from qualys_settings, so that saving the mapping never conflicts with a save of
-- the other settings.
CREATE TABLE qualys_zone_switch (
    id         INTEGER PRIMARY KEY,
    enabled    BOOLEAN NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE,
    updated_by VARCHAR(100),
    CONSTRAINT qualys_zone_switch_single_row CHECK (id = 1)
);
INSERT INTO qualys_zone_switch (id, enabled) VALUES (1, FALSE);

-- Each mapped zone's Qualys network and default scanner appliance (NULL: none chosen). A zone with no row is unmapped:
-- nothing is pushed for it.
CREATE TABLE qualys_zone_mapping (
    zone         VARCHAR(255) PRIMARY KEY,
    network_id   BIGINT NOT NULL,
    appliance_id BIGINT
);

-- The groups Asset Manager created or adopted, one per zone, with the network and appliance they were created with
-- (a group's network cannot change: a new mapping means a new group). orphan_since is set when the zone is no longer
-- mapped or holds no host: the group is then reported, never deleted without an admin.
CREATE TABLE qualys_zone_group (
    zone                 VARCHAR(255) PRIMARY KEY,
    qualys_id            BIGINT                   NOT NULL,
    title                VARCHAR(600)             NOT NULL,
    network_id           BIGINT                   NOT NULL,
    appliance_id         BIGINT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    pushed_at            TIMESTAMP WITH TIME ZONE,
    pushed_address_count NUMERIC(40),
    pushed_ranges        TEXT,
    orphan_since         TIMESTAMP WITH TIME ZONE
);

-- What a run did per zone (groups set, zones unmapped, orphans found), as the history shows it; NULL with the switch
-- Off.
ALTER TABLE sync_runs ADD COLUMN zone_groups TEXT;
