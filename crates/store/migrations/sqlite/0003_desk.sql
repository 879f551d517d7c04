-- The reporting point ("desk"): organisations and their users, API keys,
-- sessions, filed reports with their routes and deadlines, drafts, and a
-- hash-chained audit log. Timestamps are RFC 3339 UTC text.

CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kvk        TEXT,
    lei        TEXT,
    sector     TEXT NOT NULL,
    -- reporter | reporting_point | authority
    kind       TEXT NOT NULL,
    -- For kind = authority, e.g. DNB.
    authority  TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organisations (id),
    -- Lower-cased by the store, so the key is case-insensitive.
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE INDEX users_by_org ON users (org_id);

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    label       TEXT NOT NULL,
    -- The public part of a key, by which it is looked up.
    prefix      TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE INDEX api_keys_by_org ON api_keys (org_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- seq orders reports by filing: writers are serialised on audit_head, so
-- a higher seq was committed later.
CREATE TABLE reports (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    org_id          TEXT NOT NULL REFERENCES organisations (id),
    submitted_by    TEXT NOT NULL,
    channel         TEXT NOT NULL,
    report_type     TEXT NOT NULL,
    status          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    detected_at     TEXT,
    body            TEXT NOT NULL,
    validation      TEXT NOT NULL,
    screening       TEXT NOT NULL,
    idempotency_key TEXT,
    request_sha256  TEXT NOT NULL
);

CREATE UNIQUE INDEX reports_idempotency ON reports (org_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX reports_by_org ON reports (org_id, seq);

CREATE TABLE report_routes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id    TEXT NOT NULL REFERENCES reports (id),
    authority    TEXT NOT NULL,
    rule_table   TEXT NOT NULL,
    rule_id      TEXT NOT NULL,
    forwarded_at TEXT NOT NULL
);

CREATE INDEX report_routes_by_report ON report_routes (report_id);
CREATE INDEX report_routes_by_authority ON report_routes (authority, report_id);

CREATE TABLE report_deadlines (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL REFERENCES reports (id),
    kind      TEXT NOT NULL,
    authority TEXT,
    starts_at TEXT NOT NULL,
    due_at    TEXT NOT NULL,
    met_at    TEXT
);

CREATE INDEX report_deadlines_by_report ON report_deadlines (report_id);
CREATE INDEX report_deadlines_open ON report_deadlines (due_at) WHERE met_at IS NULL;

CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    report_type TEXT,
    body        TEXT NOT NULL
);

CREATE INDEX drafts_by_org ON drafts (org_id, updated_at);

-- Append-only, hash-chained: hash = sha256(prev_hash || '\n' || canonical
-- JSON of the entry). before/after are the canonical JSON text that was
-- hashed.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    org_id    TEXT,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The chain's head: the number of entries and the last hash. Every
-- audited write updates it first, which serialises appends.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
