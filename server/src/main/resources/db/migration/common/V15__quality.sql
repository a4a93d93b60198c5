-- Quality reports and acoustic fingerprints (issue 16, decision 0040).
-- What one decode of a track measured; warnings and the duplicate are worked out when the report is read.
-- Null figures were not measured (no ffmpeg, digital silence); `unmeasured` says what could not be, in words.
CREATE TABLE quality_reports (
    track_id                   VARCHAR(36)      PRIMARY KEY REFERENCES tracks (id),
    integrated_lufs            DOUBLE PRECISION,
    true_peak_dbtp             DOUBLE PRECISION,
    clipped_samples            BIGINT           NOT NULL,
    silence_start_ms           BIGINT           NOT NULL,
    silence_end_ms             BIGINT           NOT NULL,
    sample_rate_hz             INTEGER          NOT NULL,
    bit_depth                  INTEGER,
    codec                      VARCHAR(32)      NOT NULL,
    channels                   INTEGER          NOT NULL,
    duration_ms                BIGINT           NOT NULL,
    waveform                   VARCHAR(4000)    NOT NULL,
    suggested_preview_start_ms BIGINT           NOT NULL,
    unmeasured                 VARCHAR(32),
    measured_at                BIGINT           NOT NULL
);

-- Chromaprint's raw fingerprint of a track's first two minutes (fpcalc -raw): 32-bit sub-fingerprints, about 8 a
-- second, as big-endian bytes.
CREATE TABLE track_fingerprints (
    track_id   VARCHAR(36) PRIMARY KEY REFERENCES tracks (id),
    frames     ${blob}     NOT NULL,
    created_at BIGINT      NOT NULL
);

-- The inverted index the duplicate lookup starts from: a sample of each fingerprint's sub-fingerprints, masked to
-- their robust high bits, with where they occur. A lookup reads the rows of its own keys, then scores the tracks
-- that share the most of them by bit agreement over offsets.
CREATE TABLE fingerprint_keys (
    fp_key   INTEGER     NOT NULL,
    track_id VARCHAR(36) NOT NULL REFERENCES tracks (id),
    position INTEGER     NOT NULL
);
CREATE INDEX fingerprint_keys_lookup ON fingerprint_keys (fp_key, track_id, position);
CREATE INDEX fingerprint_keys_track ON fingerprint_keys (track_id);
