-- One row per imported version of a source list.
CREATE TABLE versions (
    id               BIGSERIAL PRIMARY KEY,
    source           TEXT   NOT NULL,
    format           TEXT   NOT NULL,
    published        TEXT,
    sha256           TEXT   NOT NULL,
    files            JSONB  NOT NULL DEFAULT '[]',
    -- RFC 3339 UTC text, as in SQLite, so both backends read alike.
    imported_at      TEXT   NOT NULL,
    entity_count     BIGINT NOT NULL DEFAULT 0,
    counts_by_schema JSONB  NOT NULL DEFAULT '{}',
    warnings         JSONB  NOT NULL DEFAULT '[]',
    delta_of         BIGINT REFERENCES versions (id)
);

CREATE INDEX versions_by_source ON versions (source, id);

-- Content-addressed: an entity unchanged across versions is stored once.
CREATE TABLE entity_blobs (
    hash    TEXT COLLATE "C" PRIMARY KEY,
    schema  TEXT  NOT NULL,
    caption TEXT  NOT NULL,
    data    JSONB NOT NULL
);

-- COLLATE "C" orders ids bytewise, as SQLite and Rust do, so paging and
-- exports come out in the same order on both backends.
CREATE TABLE version_entities (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    entity_id  TEXT COLLATE "C" NOT NULL,
    hash       TEXT COLLATE "C" NOT NULL REFERENCES entity_blobs (hash),
    PRIMARY KEY (version_id, entity_id)
);

CREATE INDEX version_entities_by_hash ON version_entities (hash);

-- Validators of the last download per URL, for conditional requests.
CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    sha256        TEXT,
    fetched_at    TEXT NOT NULL
);
