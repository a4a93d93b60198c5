-- The tracks each listener likes. One row per (account, track): liking twice changes nothing.
CREATE TABLE likes (
    account_id VARCHAR(36) NOT NULL REFERENCES accounts (id),
    track_id   VARCHAR(36) NOT NULL,
    liked_at   BIGINT      NOT NULL,
    PRIMARY KEY (account_id, track_id)
);
CREATE INDEX likes_newest ON likes (account_id, liked_at);
