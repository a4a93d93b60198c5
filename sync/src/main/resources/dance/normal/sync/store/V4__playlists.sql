-- The listener's playlists on this device. local_id is made here (it is the create's idempotency key); server_id
-- and version are filled in once the server has it. track_ids is a JSON array.
CREATE TABLE playlists (
    local_id   TEXT    PRIMARY KEY,
    server_id  TEXT    UNIQUE,
    name       TEXT    NOT NULL,
    track_ids  TEXT    NOT NULL,
    version    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT    NOT NULL
);
