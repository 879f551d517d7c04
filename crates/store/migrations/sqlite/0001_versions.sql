-- One row per imported version of a source list.
CREATE TABLE versions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    source           TEXT    NOT NULL,
    format           TEXT    NOT NULL,
    published        TEXT,
    sha256           TEXT    NOT NULL,
    files            TEXT    NOT NULL DEFAULT '[]',
    imported_at      TEXT    NOT NULL,
    entity_count     INTEGER NOT NULL DEFAULT 0,
    counts_by_schema TEXT    NOT NULL DEFAULT '{}',
    warnings         TEXT    NOT NULL DEFAULT '[]',
    delta_of         INTEGER REFERENCES versions (id)
);

CREATE INDEX versions_by_source ON versions (source, id);

-- Content-addressed: an entity unchanged across versions is stored once.
CREATE TABLE entity_blobs (
    hash    TEXT PRIMARY KEY,
    schema  TEXT NOT NULL,
    caption TEXT NOT NULL,
    data    TEXT NOT NULL
);

-- Small rows keyed by (version, id): WITHOUT ROWID keeps paging by id cheap.
CREATE TABLE version_entities (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    entity_id  TEXT    NOT NULL,
    hash       TEXT    NOT NULL REFERENCES entity_blobs (hash),
    PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;

CREATE INDEX version_entities_by_hash ON version_entities (hash);

-- Validators of the last download per URL, for conditional requests.
CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    sha256        TEXT,
    fetched_at    TEXT NOT NULL
);
