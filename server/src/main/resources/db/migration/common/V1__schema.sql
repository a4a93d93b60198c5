-- Portable schema for SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT); ids are UUID text.
-- ${seq_pk} and ${blob} are Flyway placeholders filled per dialect by Database.

CREATE TABLE accounts (
    id            VARCHAR(36)  PRIMARY KEY,
    email         VARCHAR(320) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('listener', 'artist')),
    created_at    BIGINT       NOT NULL
);

CREATE TABLE artists (
    id             VARCHAR(36)  PRIMARY KEY,
    account_id     VARCHAR(36)  UNIQUE REFERENCES accounts (id),
    name           VARCHAR(200) NOT NULL,
    bio            TEXT         NOT NULL DEFAULT '',
    picture_sha256 VARCHAR(64),
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL
);

CREATE TABLE releases (
    id             VARCHAR(36)  PRIMARY KEY,
    artist_id      VARCHAR(36)  NOT NULL REFERENCES artists (id),
    title          VARCHAR(300) NOT NULL,
    release_year   INTEGER,
    artwork_sha256 VARCHAR(64),
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    UNIQUE (artist_id, title)
);

CREATE TABLE tracks (
    id            VARCHAR(36)  PRIMARY KEY,
    artist_id     VARCHAR(36)  NOT NULL REFERENCES artists (id),
    release_id    VARCHAR(36)  NOT NULL REFERENCES releases (id),
    title         VARCHAR(300) NOT NULL,
    track_number  INTEGER,
    genre         VARCHAR(100),
    duration_ms   BIGINT       NOT NULL,
    format        VARCHAR(16)  NOT NULL,
    mime_type     VARCHAR(64)  NOT NULL,
    bitrate_kbps  INTEGER      NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    sha256        VARCHAR(64)  NOT NULL,
    loudness_lufs DOUBLE PRECISION,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    deleted_at    BIGINT
);
CREATE INDEX tracks_release ON tracks (release_id, track_number);
CREATE INDEX tracks_artist ON tracks (artist_id);
CREATE INDEX tracks_listing ON tracks (created_at, id);

-- A session is a refresh-token family; revoking it signs the device out, including its access tokens.
CREATE TABLE sessions (
    id         VARCHAR(36) PRIMARY KEY,
    account_id VARCHAR(36) NOT NULL REFERENCES accounts (id),
    created_at BIGINT      NOT NULL,
    revoked_at BIGINT
);

-- Only a hash of each refresh token is kept.
CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    session_id VARCHAR(36) NOT NULL REFERENCES sessions (id),
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    spent_at   BIGINT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Public keys only: the server never sees a wallet's private key.
CREATE TABLE devices (
    id            VARCHAR(36)  PRIMARY KEY,
    account_id    VARCHAR(36)  NOT NULL REFERENCES accounts (id),
    name          VARCHAR(100) NOT NULL,
    public_key    VARCHAR(64)  NOT NULL,
    registered_at BIGINT       NOT NULL,
    UNIQUE (account_id, public_key)
);

-- Failed sign-ins, per account and per client address, for rate limiting across server processes.
CREATE TABLE login_failures (
    id      ${seq_pk},
    subject VARCHAR(400) NOT NULL,
    at      BIGINT       NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, at);

-- The client makes each play's id, so a replay hits the primary key and is never counted twice.
CREATE TABLE plays (
    id          VARCHAR(36) PRIMARY KEY,
    account_id  VARCHAR(36) NOT NULL REFERENCES accounts (id),
    track_id    VARCHAR(36) NOT NULL REFERENCES tracks (id),
    started_at  BIGINT      NOT NULL,
    played_ms   BIGINT      NOT NULL,
    qualified   BOOLEAN     NOT NULL,
    received_at BIGINT      NOT NULL
);
CREATE INDEX plays_track ON plays (track_id, qualified);

-- The catalog change feed. seq order is commit order: writers serialise on it (see ChangeFeed).
CREATE TABLE changes (
    seq        ${seq_pk},
    entity     VARCHAR(16) NOT NULL,
    entity_id  VARCHAR(36) NOT NULL,
    op         VARCHAR(8)  NOT NULL,
    payload    TEXT,
    created_at BIGINT      NOT NULL
);

-- Keys shared by every server process (token signing, stream URL signing), made on first start.
CREATE TABLE server_keys (
    name       VARCHAR(64) PRIMARY KEY,
    key_bytes  ${blob}     NOT NULL,
    created_at BIGINT      NOT NULL
);

-- One-off facts about this database, such as whether the demo catalog was added.
CREATE TABLE server_meta (
    name       VARCHAR(64)  PRIMARY KEY,
    value      VARCHAR(400) NOT NULL,
    created_at BIGINT       NOT NULL
);
