-- The artist's upload queue (tus): each file with what the server has of it, so uploads carry on after a restart.
-- size and modified_ms are the file as queued: a file that changed since is refused rather than sent half old.
CREATE TABLE uploads (
    id          TEXT    PRIMARY KEY,
    path        TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    modified_ms INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    bytes_sent  INTEGER NOT NULL DEFAULT 0,
    upload_url  TEXT,
    track_id    TEXT,
    reason_code TEXT,
    reason      TEXT,
    created_at  TEXT    NOT NULL,
    seq         INTEGER NOT NULL
);
CREATE INDEX uploads_by_state ON uploads (state, seq);
