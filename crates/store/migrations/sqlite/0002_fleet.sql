-- Shadow-fleet data: AIS files ingested, the positions they held and the
-- vessel identities (static data) they declared.

-- One row per ingested AIS file.
CREATE TABLE fleet_ingests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    file          TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    format        TEXT    NOT NULL,
    messages      INTEGER NOT NULL DEFAULT 0,
    -- Positions decoded from the file, and how many of them were new.
    positions     INTEGER NOT NULL DEFAULT 0,
    new_positions INTEGER NOT NULL DEFAULT 0,
    identities    INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,
    ingested_at   TEXT    NOT NULL
);

-- One fix; the key makes re-ingesting a file add nothing.
CREATE TABLE fleet_positions (
    mmsi      INTEGER NOT NULL,
    time      INTEGER NOT NULL,
    lat       REAL    NOT NULL,
    lon       REAL    NOT NULL,
    sog       REAL,
    cog       REAL,
    heading   INTEGER,
    source    TEXT    NOT NULL,
    ingest_id INTEGER REFERENCES fleet_ingests (id),
    PRIMARY KEY (mmsi, time, lat, lon)
) WITHOUT ROWID;

CREATE INDEX fleet_positions_by_time ON fleet_positions (time);

-- Distinct static identities per MMSI with the span they were seen over.
-- Unknown values are stored as 0 / '' so the unique key holds.
CREATE TABLE vessel_identities (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    mmsi       INTEGER NOT NULL,
    imo        INTEGER NOT NULL DEFAULT 0,
    name       TEXT    NOT NULL DEFAULT '',
    call_sign  TEXT    NOT NULL DEFAULT '',
    flag       TEXT    NOT NULL DEFAULT '',
    ship_type  INTEGER NOT NULL DEFAULT 0,
    source     TEXT    NOT NULL,
    first_seen INTEGER,
    last_seen  INTEGER,
    UNIQUE (mmsi, imo, name, call_sign, flag, ship_type, source)
);

CREATE INDEX vessel_identities_by_imo ON vessel_identities (imo);
