-- Challenges to add a device (decision 0026): the exact message bytes the new key must sign, short-lived and used
-- once (a conditional UPDATE of used_at).
CREATE TABLE device_challenges (
    id          VARCHAR(36)  PRIMARY KEY,
    account_id  VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    public_key  VARCHAR(64),
    message     TEXT         NOT NULL,
    expires_at  BIGINT       NOT NULL,
    used_at     BIGINT
);
CREATE INDEX device_challenges_account ON device_challenges (account_id);
