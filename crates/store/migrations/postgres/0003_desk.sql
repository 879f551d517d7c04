-- The reporting point ("desk"): organisations and their users, API keys,
-- sessions, filed reports with their routes and deadlines, drafts, and a
-- hash-chained audit log. Timestamps are RFC 3339 UTC text, as in SQLite;
-- keys and timestamps sort bytewise (COLLATE "C") on both backends.

CREATE TABLE organisations (
    id         TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    kvk        TEXT,
    lei        TEXT,
    sector     TEXT NOT NULL,
    -- reporter | reporting_point | authority
    kind       TEXT NOT NULL,
    -- For kind = authority, e.g. DNB.
    authority  TEXT,
    created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE users (
    id            TEXT COLLATE "C" PRIMARY KEY,
    org_id        TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
    -- Lower-cased by the store, so the key is case-insensitive.
    email         TEXT COLLATE "C" NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT COLLATE "C" NOT NULL
);

CREATE INDEX users_by_org ON users (org_id);

CREATE TABLE api_keys (
    id          TEXT COLLATE "C" PRIMARY KEY,
    org_id      TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
    label       TEXT NOT NULL,
    -- The public part of a key, by which it is looked up.
    prefix      TEXT COLLATE "C" NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    revoked_at  TEXT COLLATE "C"
);

CREATE INDEX api_keys_by_org ON api_keys (org_id);

CREATE TABLE sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- seq orders reports by filing: writers are serialised on audit_head, so
-- a higher seq was committed later.
CREATE TABLE reports (
    seq             BIGSERIAL PRIMARY KEY,
    id              TEXT COLLATE "C" NOT NULL UNIQUE,
    org_id          TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
    submitted_by    TEXT NOT NULL,
    channel         TEXT NOT NULL,
    report_type     TEXT COLLATE "C" NOT NULL,
    status          TEXT COLLATE "C" NOT NULL,
    received_at     TEXT COLLATE "C" NOT NULL,
    detected_at     TEXT COLLATE "C",
    body            JSONB NOT NULL,
    validation      JSONB NOT NULL,
    screening       JSONB NOT NULL,
    idempotency_key TEXT COLLATE "C",
    request_sha256  TEXT NOT NULL
);

CREATE UNIQUE INDEX reports_idempotency ON reports (org_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX reports_by_org ON reports (org_id, seq);

CREATE TABLE report_routes (
    id           BIGSERIAL PRIMARY KEY,
    report_id    TEXT COLLATE "C" NOT NULL REFERENCES reports (id),
    authority    TEXT COLLATE "C" NOT NULL,
    rule_table   TEXT NOT NULL,
    rule_id      TEXT NOT NULL,
    forwarded_at TEXT COLLATE "C" NOT NULL
);

CREATE INDEX report_routes_by_report ON report_routes (report_id);
CREATE INDEX report_routes_by_authority ON report_routes (authority, report_id);

CREATE TABLE report_deadlines (
    id        BIGSERIAL PRIMARY KEY,
    report_id TEXT COLLATE "C" NOT NULL REFERENCES reports (id),
    kind      TEXT COLLATE "C" NOT NULL,
    authority TEXT COLLATE "C",
    starts_at TEXT COLLATE "C" NOT NULL,
    due_at    TEXT COLLATE "C" NOT NULL,
    met_at    TEXT COLLATE "C"
);

CREATE INDEX report_deadlines_by_report ON report_deadlines (report_id);
CREATE INDEX report_deadlines_open ON report_deadlines (due_at) WHERE met_at IS NULL;

CREATE TABLE drafts (
    id          TEXT COLLATE "C" PRIMARY KEY,
    org_id      TEXT COLLATE "C" NOT NULL REFERENCES organisations (id),
    created_by  TEXT NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL,
    report_type TEXT,
    body        JSONB NOT NULL
);

CREATE INDEX drafts_by_org ON drafts (org_id, updated_at);

-- Append-only, hash-chained: hash = sha256(prev_hash || '\n' || canonical
-- JSON of the entry). before/after are TEXT, not JSONB: they must stay the
-- exact canonical text that was hashed.
CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
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

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The chain's head: the number of entries and the last hash. Every
-- audited write updates it first, which takes its row lock and so
-- serialises appends.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT   NOT NULL
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
