-- Listeners' playlists. (account_id, idempotency_key) is unique: a create sent twice makes one playlist.
CREATE TABLE playlists (
    id              VARCHAR(36)  PRIMARY KEY,
    account_id      VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    name            VARCHAR(200) NOT NULL,
    version         BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    UNIQUE (account_id, idempotency_key)
);
CREATE INDEX playlists_by_account ON playlists (account_id, updated_at);
CREATE TABLE playlist_tracks (
    playlist_id VARCHAR(36) NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    position    INTEGER     NOT NULL,
    track_id    VARCHAR(36) NOT NULL,
    PRIMARY KEY (playlist_id, position)
);
