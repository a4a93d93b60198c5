-- Full-text search on SQLite: FTS5 with prefix indexes; rowids map to tracks through track_search_ids.
CREATE TABLE track_search_ids (
    rowid    INTEGER PRIMARY KEY,
    track_id VARCHAR(36) NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE track_search USING fts5 (
    title, artist, release_title, genre,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
