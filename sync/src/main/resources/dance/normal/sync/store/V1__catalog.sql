-- The catalog mirror, fed from the server's change feed, and the sync state.
CREATE TABLE artists (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE releases (
    id        TEXT PRIMARY KEY,
    artist_id TEXT NOT NULL,
    title     TEXT NOT NULL,
    json      TEXT NOT NULL
);
CREATE TABLE tracks (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    artist_id     TEXT NOT NULL,
    artist_name   TEXT NOT NULL,
    release_id    TEXT,
    release_title TEXT,
    genre         TEXT,
    duration_ms   INTEGER NOT NULL,
    json          TEXT NOT NULL
);
CREATE INDEX tracks_by_release ON tracks (release_id);
CREATE INDEX tracks_by_artist ON tracks (artist_id);
CREATE VIRTUAL TABLE tracks_fts USING fts5(
    title, artist_name, release_title, genre,
    content = 'tracks', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER tracks_ai AFTER INSERT ON tracks BEGIN
    INSERT INTO tracks_fts (rowid, title, artist_name, release_title, genre)
    VALUES (new.rowid, new.title, new.artist_name, new.release_title, new.genre);
END;
CREATE TRIGGER tracks_ad AFTER DELETE ON tracks BEGIN
    INSERT INTO tracks_fts (tracks_fts, rowid, title, artist_name, release_title, genre)
    VALUES ('delete', old.rowid, old.title, old.artist_name, old.release_title, old.genre);
END;
CREATE TRIGGER tracks_au AFTER UPDATE ON tracks BEGIN
    INSERT INTO tracks_fts (tracks_fts, rowid, title, artist_name, release_title, genre)
    VALUES ('delete', old.rowid, old.title, old.artist_name, old.release_title, old.genre);
    INSERT INTO tracks_fts (rowid, title, artist_name, release_title, genre)
    VALUES (new.rowid, new.title, new.artist_name, new.release_title, new.genre);
END;
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
