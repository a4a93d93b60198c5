-- Solana mode: the transaction that moves a purchase's tokens (or pays out a withdrawal), written before it is
-- sent, so a retry after a crash or a timeout asks about (or resends) the same transaction and never sends a
-- second one while the first could still land. A new one (under a fresh blockhash) replaces it only once its
-- blockhash has expired.
CREATE TABLE chain_deliveries (
    transfer_id VARCHAR(36)  PRIMARY KEY,
    signature   VARCHAR(100) NOT NULL,
    wire        TEXT         NOT NULL,
    attempts    INTEGER      NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);
