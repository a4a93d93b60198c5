-- The double-entry ledger. Append-only: a transaction's postings sum to zero, and each transaction carries the hash
-- of the one before (ledger_head holds the last), so any later edit or deletion breaks the chain.
CREATE TABLE ledger_transactions (
    seq        BIGINT       PRIMARY KEY,
    id         VARCHAR(36)  NOT NULL UNIQUE,
    kind       VARCHAR(40)  NOT NULL,
    memo       VARCHAR(400) NOT NULL,
    created_at BIGINT       NOT NULL,
    prev_hash  VARCHAR(64)  NOT NULL,
    hash       VARCHAR(64)  NOT NULL
);
CREATE TABLE ledger_postings (
    tx_seq  BIGINT       NOT NULL REFERENCES ledger_transactions (seq),
    idx     INTEGER      NOT NULL,
    account VARCHAR(120) NOT NULL,
    amount  BIGINT       NOT NULL,
    PRIMARY KEY (tx_seq, idx)
);
CREATE INDEX ledger_postings_by_account ON ledger_postings (account);
CREATE TABLE ledger_head (
    id   INTEGER     PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
