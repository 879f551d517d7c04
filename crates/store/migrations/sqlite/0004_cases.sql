-- Case management (issue #5): who works a report, what analysts decided
-- about each screening hit, and each case's own event log; plus an index
-- of what a report says about its subjects, so triage and linking are
-- indexed lookups rather than scans of report JSON.

CREATE TABLE case_assignments (
    report_id   TEXT PRIMARY KEY REFERENCES reports (id),
    assignee    TEXT NOT NULL REFERENCES users (id),
    assigned_at TEXT NOT NULL,
    assigned_by TEXT NOT NULL
);

CREATE INDEX case_assignments_by_assignee ON case_assignments (assignee);

-- One row per decision; the latest (highest id) for a (report, source,
-- entity) is the current one, earlier ones stay as history.
CREATE TABLE match_decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id  TEXT NOT NULL REFERENCES reports (id),
    source     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('CONFIRMED', 'DISMISSED')),
    reason     TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    notes      TEXT CHECK (notes IS NULL OR length(notes) <= 4000),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);

CREATE INDEX match_decisions_by_hit ON match_decisions (report_id, source, entity_id, id);

-- seq counts per report from 1; writers hold the audit head's lock, so
-- MAX(seq) + 1 cannot race.
CREATE TABLE case_events (
    report_id TEXT NOT NULL REFERENCES reports (id),
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    details   TEXT NOT NULL,
    PRIMARY KEY (report_id, seq)
);

CREATE TRIGGER match_decisions_no_update BEFORE UPDATE ON match_decisions
BEGIN
    SELECT RAISE(ABORT, 'match_decisions is append-only');
END;

CREATE TRIGGER match_decisions_no_delete BEFORE DELETE ON match_decisions
BEGIN
    SELECT RAISE(ABORT, 'match_decisions is append-only');
END;

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;

CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;

-- Derived from reports.body and reports.screening, which never change
-- after filing; rows are added for reports above the highest indexed seq.
CREATE TABLE case_index (
    report_id TEXT PRIMARY KEY REFERENCES reports (id),
    seq       INTEGER NOT NULL UNIQUE,
    -- Highest screening score of any hit; NULL without hits.
    max_score REAL,
    -- Distinct (source, entity id) pairs among the hits.
    hit_count INTEGER NOT NULL
);

-- kind: regime | programme | identifier | entity. key: normalised, e.g.
-- 'RUS', 'imo:9074729', 'eu_fsf:EU.77.1'.
CREATE TABLE case_keys (
    report_id TEXT NOT NULL REFERENCES reports (id),
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    PRIMARY KEY (report_id, kind, key)
);

CREATE INDEX case_keys_by_key ON case_keys (kind, key);
