-- Message threads between a reporting organisation and the reporting point,
-- one per filed report. Messages are never edited or deleted: the thread is
-- part of the record of how a report was handled.

-- seq orders a thread: writers are serialised on audit_head, so a higher
-- seq was committed later.
CREATE TABLE report_messages (
    seq         BIGSERIAL PRIMARY KEY,
    id          TEXT COLLATE "C" NOT NULL UNIQUE,
    report_id   TEXT COLLATE "C" NOT NULL REFERENCES reports (id),
    -- Which party wrote it: the filing organisation or the reporting point.
    side        TEXT COLLATE "C" NOT NULL CHECK (side IN ('reporter', 'reporting_point')),
    -- The audit log's actor (user:…, api_key:…, operator:…).
    author      TEXT NOT NULL,
    -- The author's name when the message was written, as the thread shows it.
    author_name TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL
);

CREATE INDEX report_messages_by_report ON report_messages (report_id, seq);

CREATE FUNCTION report_messages_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'report_messages is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_messages_no_change BEFORE UPDATE OR DELETE ON report_messages
    FOR EACH ROW EXECUTE FUNCTION report_messages_append_only();

-- How far each user has read each thread, for unread counts.
CREATE TABLE report_message_reads (
    user_id   TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    report_id TEXT COLLATE "C" NOT NULL REFERENCES reports (id),
    last_seq  BIGINT NOT NULL,
    PRIMARY KEY (user_id, report_id)
);
