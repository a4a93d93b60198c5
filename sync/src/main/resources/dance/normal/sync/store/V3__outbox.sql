-- What the listener did while the server could not hear it: delivered in order, exactly once, then deleted.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,
    item_key        TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    payload         TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL DEFAULT 'PENDING',
    last_error      TEXT
);
CREATE INDEX outbox_pending ON outbox (state, seq);
