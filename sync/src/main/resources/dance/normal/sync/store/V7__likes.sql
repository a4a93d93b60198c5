-- The tracks the listener likes, as this device knows them: changed here at once (the outbox carries each change to
-- the server) and brought in line with the server's list on each sync, except where a change still waits.
CREATE TABLE likes (
    track_id TEXT    PRIMARY KEY,
    liked_at INTEGER NOT NULL
);
