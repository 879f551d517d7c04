-- Message threads between a reporting organisation and the reporting point,
-- one per filed report. Messages are never edited or deleted: the thread is
-- part of the record of how a report was handled.

-- seq orders a thread: writers are serialised on audit_head, so a higher
-- seq was committed later.
CREATE TABLE report_messages (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    report_id   TEXT NOT NULL REFERENCES reports (id),
    -- Which party wrote it: the filing organisation or the reporting point.
    side        TEXT NOT NULL CHECK (side IN ('reporter', 'reporting_point')),
    -- The audit log's actor (user:…, api_key:…, operator:…).
    author      TEXT NOT NULL,
    -- The author's name when the message was written, as the thread shows it.
    author_name TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE INDEX report_messages_by_report ON report_messages (report_id, seq);

CREATE TRIGGER report_messages_no_update BEFORE UPDATE ON report_messages
BEGIN
    SELECT RAISE(ABORT, 'report_messages is append-only');
END;

CREATE TRIGGER report_messages_no_delete BEFORE DELETE ON report_messages
BEGIN
    SELECT RAISE(ABORT, 'report_messages is append-only');
END;

-- How far each user has read each thread, for unread counts.
CREATE TABLE report_message_reads (
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    report_id TEXT NOT NULL REFERENCES reports (id),
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (user_id, report_id)
);
