-- Sample peak of the decoded audio in dBFS, measured with the loudness (ebur128 peak=sample); null for tracks
-- uploaded before it was measured, for digital silence and when the server has no ffmpeg.
ALTER TABLE tracks ADD COLUMN peak_dbfs DOUBLE PRECISION;
