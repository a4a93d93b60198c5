-- Tracks kept on this device for offline play. The file is visible under its final name only once verified.
CREATE TABLE downloads (
    track_id       TEXT    PRIMARY KEY,
    state          TEXT    NOT NULL,
    bytes_done     INTEGER NOT NULL DEFAULT 0,
    bytes_total    INTEGER NOT NULL,
    sha256         TEXT    NOT NULL,
    file_name      TEXT    NOT NULL,
    pinned         INTEGER NOT NULL DEFAULT 0,
    last_played_at INTEGER NOT NULL DEFAULT 0,
    error          TEXT,
    created_at     TEXT    NOT NULL
);
CREATE INDEX downloads_by_state ON downloads (state);
