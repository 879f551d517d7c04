-- Shadow-fleet data: AIS files ingested, the positions they held and the
-- vessel identities (static data) they declared.

-- One row per ingested AIS file.
CREATE TABLE fleet_ingests (
    id            BIGSERIAL PRIMARY KEY,
    file          TEXT   NOT NULL,
    sha256        TEXT   NOT NULL,
    format        TEXT   NOT NULL,
    messages      BIGINT NOT NULL DEFAULT 0,
    -- Positions decoded from the file, and how many of them were new.
    positions     BIGINT NOT NULL DEFAULT 0,
    new_positions BIGINT NOT NULL DEFAULT 0,
    identities    BIGINT NOT NULL DEFAULT 0,
    errors        BIGINT NOT NULL DEFAULT 0,
    -- RFC 3339 UTC text, as in SQLite.
    ingested_at   TEXT   NOT NULL
);

-- One fix; the key makes re-ingesting a file add nothing.
CREATE TABLE fleet_positions (
    mmsi      BIGINT           NOT NULL,
    time      BIGINT           NOT NULL,
    lat       DOUBLE PRECISION NOT NULL,
    lon       DOUBLE PRECISION NOT NULL,
    sog       DOUBLE PRECISION,
    cog       DOUBLE PRECISION,
    heading   BIGINT,
    source    TEXT             NOT NULL,
    ingest_id BIGINT REFERENCES fleet_ingests (id),
    PRIMARY KEY (mmsi, time, lat, lon)
);

CREATE INDEX fleet_positions_by_time ON fleet_positions (time);

-- Distinct static identities per MMSI with the span they were seen over.
-- Unknown values are stored as 0 / '' so the unique key holds.
CREATE TABLE vessel_identities (
    id         BIGSERIAL PRIMARY KEY,
    mmsi       BIGINT NOT NULL,
    imo        BIGINT NOT NULL DEFAULT 0,
    name       TEXT COLLATE "C" NOT NULL DEFAULT '',
    call_sign  TEXT COLLATE "C" NOT NULL DEFAULT '',
    flag       TEXT COLLATE "C" NOT NULL DEFAULT '',
    ship_type  BIGINT NOT NULL DEFAULT 0,
    source     TEXT COLLATE "C" NOT NULL,
    first_seen BIGINT,
    last_seen  BIGINT,
    UNIQUE (mmsi, imo, name, call_sign, flag, ship_type, source)
);

CREATE INDEX vessel_identities_by_imo ON vessel_identities (imo);
