-- Full-text search on PostgreSQL: weighted tsvector ('simple' config: names are not English words), GIN index.
CREATE TABLE track_search (
    track_id VARCHAR(36) PRIMARY KEY REFERENCES tracks (id),
    doc      TSVECTOR    NOT NULL
);
CREATE INDEX track_search_doc ON track_search USING GIN (doc);
