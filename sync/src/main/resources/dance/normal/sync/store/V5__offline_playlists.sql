-- Playlists the listener keeps offline: their tracks are downloaded and pinned, and follow the playlist's changes.
CREATE TABLE offline_playlists (
    local_id TEXT PRIMARY KEY
);
