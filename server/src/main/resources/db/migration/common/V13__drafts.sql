-- Drafts (issue 16, decision 0039). A track with no published_at is a draft: only its artist sees it, in the Studio.
-- Tracks that exist already were published when they were made.
ALTER TABLE tracks ADD COLUMN published_at BIGINT;
UPDATE tracks SET published_at = created_at;
-- The tus upload a draft came from (null for a multipart upload or a seeded track); one track per upload.
ALTER TABLE tracks ADD COLUMN upload_id VARCHAR(36);
CREATE UNIQUE INDEX tracks_upload ON tracks (upload_id);
-- Where the 30-second preview starts, as the artist set it; null means the quality report's suggestion.
ALTER TABLE tracks ADD COLUMN preview_start_ms BIGINT;
-- The track's own year, as the artist set it in the Studio; null means its release's year.
ALTER TABLE tracks ADD COLUMN track_year INTEGER;
