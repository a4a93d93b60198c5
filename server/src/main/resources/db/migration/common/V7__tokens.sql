-- Track tokens: offerings, holdings, quotes, purchases (a saga, one row per purchase), top-ups, settlements and
-- withdrawals. Money is micro-dollars (BIGINT); tokens are whole (decimals 0).

-- One offering per track. sold + reserved never exceeds supply; reserved counts purchases under way.
CREATE TABLE offerings (
    track_id        VARCHAR(36) PRIMARY KEY REFERENCES tracks (id),
    artist_id       VARCHAR(36) NOT NULL REFERENCES artists (id),
    supply          BIGINT      NOT NULL CHECK (supply > 0),
    price_micros    BIGINT      NOT NULL CHECK (price_micros > 0),
    holder_share_bp INTEGER     NOT NULL CHECK (holder_share_bp >= 0 AND holder_share_bp <= 5000),
    cap_per_buyer   BIGINT      CHECK (cap_per_buyer IS NULL OR cap_per_buyer > 0),
    reserved        BIGINT      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    sold            BIGINT      NOT NULL DEFAULT 0 CHECK (sold >= 0),
    chain           VARCHAR(16) NOT NULL,
    mint            VARCHAR(64),
    treasury        VARCHAR(64),
    created_at      BIGINT      NOT NULL,
    CHECK (sold + reserved <= supply)
);

-- Who holds each track's tokens. The holder 'treasury' holds what is not sold; per track they add up to the supply.
CREATE TABLE token_holdings (
    track_id VARCHAR(36) NOT NULL REFERENCES offerings (track_id),
    holder   VARCHAR(36) NOT NULL,
    quantity BIGINT      NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (track_id, holder)
);
CREATE INDEX token_holdings_by_holder ON token_holdings (holder);

-- A price promise and the exact text the buyer's wallet signs. A quote is used by at most one purchase.
CREATE TABLE quotes (
    id                VARCHAR(36) PRIMARY KEY,
    account_id        VARCHAR(36) NOT NULL REFERENCES accounts (id),
    track_id          VARCHAR(36) NOT NULL REFERENCES offerings (track_id),
    quantity          BIGINT      NOT NULL,
    unit_price_micros BIGINT      NOT NULL,
    total_micros      BIGINT      NOT NULL,
    wallet            VARCHAR(64) NOT NULL,
    message           TEXT        NOT NULL,
    created_at        BIGINT      NOT NULL,
    expires_at        BIGINT      NOT NULL
);

-- The purchase saga. state moves ACCEPTED -> RESERVED -> DEBITED -> DELIVERED -> RECORDED -> COMPLETED, or ends
-- REJECTED (nothing taken) or REFUNDED (delivery failed for good, money returned). response_* is the first answer,
-- returned again for the same Idempotency-Key.
CREATE TABLE purchases (
    id              VARCHAR(36)  PRIMARY KEY,
    account_id      VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    idempotency_key VARCHAR(100) NOT NULL,
    quote_id        VARCHAR(36)  NOT NULL UNIQUE REFERENCES quotes (id),
    track_id        VARCHAR(36)  NOT NULL REFERENCES offerings (track_id),
    quantity        BIGINT       NOT NULL,
    total_micros    BIGINT       NOT NULL,
    wallet          VARCHAR(64)  NOT NULL,
    signature       VARCHAR(100) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    failure         VARCHAR(400),
    chain_ref       VARCHAR(200),
    delivery_tries  INTEGER      NOT NULL DEFAULT 0,
    response_status INTEGER,
    response_body   TEXT,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    UNIQUE (account_id, idempotency_key)
);
CREATE INDEX purchases_by_state ON purchases (state);
CREATE INDEX purchases_by_buyer ON purchases (account_id, track_id);

-- Top-ups of a listener's dollar balance. Only a description of the payment method is kept, never a card number.
CREATE TABLE topups (
    id              VARCHAR(36)  PRIMARY KEY,
    account_id      VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    idempotency_key VARCHAR(100) NOT NULL,
    amount_micros   BIGINT       NOT NULL CHECK (amount_micros > 0),
    method_token    VARCHAR(100) NOT NULL,
    method_label    VARCHAR(100) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    provider        VARCHAR(32),
    provider_ref    VARCHAR(200),
    failure         VARCHAR(400),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    UNIQUE (account_id, idempotency_key)
);
CREATE INDEX topups_by_state ON topups (state);

-- Payment provider events (webhooks) already handled, so a repeat is ignored.
CREATE TABLE payment_events (
    id          VARCHAR(255) PRIMARY KEY,
    provider    VARCHAR(32)  NOT NULL,
    type        VARCHAR(100) NOT NULL,
    received_at BIGINT       NOT NULL
);

-- Settlement runs turn qualified plays into ledger entries; a play is settled once (plays.settlement_id).
CREATE TABLE settlements (
    id           VARCHAR(36) PRIMARY KEY,
    cutoff       BIGINT      NOT NULL,
    plays        BIGINT      NOT NULL,
    total_micros BIGINT      NOT NULL,
    created_at   BIGINT      NOT NULL
);
ALTER TABLE plays ADD COLUMN settlement_id VARCHAR(36);
CREATE INDEX plays_unsettled ON plays (qualified, settlement_id, received_at);

-- Earnings paid out to a holder's wallet.
CREATE TABLE withdrawals (
    id              VARCHAR(36)  PRIMARY KEY,
    account_id      VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    idempotency_key VARCHAR(100) NOT NULL,
    amount_micros   BIGINT       NOT NULL CHECK (amount_micros > 0),
    wallet          VARCHAR(64)  NOT NULL,
    signature       VARCHAR(100) NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    chain_ref       VARCHAR(200),
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    UNIQUE (account_id, idempotency_key)
);

-- Which track (and purchase, settlement or withdrawal) a ledger transaction is about, for statements per track.
CREATE TABLE ledger_refs (
    tx_seq   BIGINT      PRIMARY KEY REFERENCES ledger_transactions (seq),
    track_id VARCHAR(36),
    ref_id   VARCHAR(36) NOT NULL
);
CREATE INDEX ledger_refs_by_track ON ledger_refs (track_id);
