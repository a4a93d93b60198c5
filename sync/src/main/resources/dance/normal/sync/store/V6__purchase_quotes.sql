-- The quote and signature a purchase request was last sent with, so a repeat after a crash sends the same ones
-- under the same Idempotency-Key (the server answers a key with another quote as a different request).
CREATE TABLE purchase_quotes (
    idempotency_key TEXT PRIMARY KEY,
    quote_id        TEXT NOT NULL,
    signature       TEXT NOT NULL
);
