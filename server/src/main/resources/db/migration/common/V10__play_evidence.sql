-- Plays pay only with evidence (decision 0024).

-- What the server streamed: one row per signed stream URL (or per bearer session and track), bytes summed over its
-- responses. bytes_claimed is how much of it paid plays have used, so one stream backs no more than it served.
-- No foreign keys to devices: a removed device keeps its history.
CREATE TABLE stream_sessions (
    id            VARCHAR(64) PRIMARY KEY,
    account_id    VARCHAR(36) NOT NULL,
    device_id     VARCHAR(36),
    track_id      VARCHAR(36) NOT NULL,
    offline       BOOLEAN     NOT NULL,
    bytes_served  BIGINT      NOT NULL,
    bytes_claimed BIGINT      NOT NULL DEFAULT 0,
    first_byte_at BIGINT      NOT NULL,
    last_byte_at  BIGINT      NOT NULL
);
CREATE INDEX stream_sessions_evidence ON stream_sessions (account_id, track_id, first_byte_at);

-- A track downloaded whole for offline play by one device: its signed receipts may be paid.
CREATE TABLE offline_grants (
    device_id  VARCHAR(36) NOT NULL,
    track_id   VARCHAR(36) NOT NULL,
    account_id VARCHAR(36) NOT NULL,
    granted_at BIGINT      NOT NULL,
    PRIMARY KEY (device_id, track_id)
);

-- Receipt counters a device has used; each counts once.
CREATE TABLE receipt_counters (
    device_id VARCHAR(36) NOT NULL,
    counter   BIGINT      NOT NULL,
    play_id   VARCHAR(36) NOT NULL,
    PRIMARY KEY (device_id, counter)
);

-- Each play keeps why it was paid or not, the device it is counted against, and the time credited to it.
ALTER TABLE plays ADD COLUMN device_id VARCHAR(36);
ALTER TABLE plays ADD COLUMN reason VARCHAR(24) NOT NULL DEFAULT 'QUALIFIED';
ALTER TABLE plays ADD COLUMN credited_ms BIGINT NOT NULL DEFAULT 0;
CREATE INDEX plays_account_started ON plays (account_id, started_at);

-- Plays recorded on the client's word and not yet settled are not paid.
UPDATE plays SET qualified = FALSE, reason = 'LEGACY' WHERE qualified = TRUE AND settlement_id IS NULL;
UPDATE plays SET reason = 'TOO_SHORT' WHERE qualified = FALSE AND reason = 'QUALIFIED';
UPDATE plays SET credited_ms = played_ms WHERE qualified = TRUE;
