-- Resumable (tus) uploads under way (decision 0038). The bytes are in a file named by the id under the media
-- store's uploads/ folder; this row is the state every server process shares: how long the file will be, how much
-- of it is safely on disk, and who is writing it now. A PATCH claims the row (writer, lease) with a conditional
-- UPDATE, so two PATCHes on one upload never write at once, on any process; a crashed writer's lease lapses.
CREATE TABLE uploads (
    id            VARCHAR(36)  PRIMARY KEY,
    account_id    VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    upload_length BIGINT       NOT NULL,
    upload_offset BIGINT       NOT NULL,
    metadata      TEXT         NOT NULL,
    writer        VARCHAR(36),
    lease_until   BIGINT,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL
);
CREATE INDEX uploads_account ON uploads (account_id);
CREATE INDEX uploads_expires ON uploads (expires_at);
