package dance.normal.server.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The {@code quality_reports} table, and the few facts about a track its analysis needs (which file, whose, when).
 * Every method takes the caller's handle.
 */
public final class QualityRepository {

    /** A live track as the analysis and the report need it. */
    /**
     * @param previewStartMs where the artist set the preview to start; null for the report's suggestion
     */
    public record Source(String trackId, String artistId, String sha256, String format, long durationMs,
                         long createdAt, Long previewStartMs) {
    }

    /** Replaces the measurement of {@code trackId}. */
    public void save(Handle h, String trackId, Measurement m, long now) {
        h.createUpdate("DELETE FROM quality_reports WHERE track_id = :t").bind("t", trackId).execute();
        h.createUpdate("INSERT INTO quality_reports (track_id, integrated_lufs, true_peak_dbtp, clipped_samples, "
                        + "silence_start_ms, silence_end_ms, sample_rate_hz, bit_depth, codec, channels, duration_ms, "
                        + "waveform, suggested_preview_start_ms, unmeasured, measured_at) VALUES (:t, :lufs, :tp, "
                        + ":clipped, :ss, :se, :rate, :bits, :codec, :ch, :dur, :wave, :preview, :unmeasured, :now)")
                .bind("t", trackId).bind("lufs", m.integratedLufs()).bind("tp", m.truePeakDbtp())
                .bind("clipped", m.clippedSamples()).bind("ss", m.silenceStartMs()).bind("se", m.silenceEndMs())
                .bind("rate", m.sampleRateHz()).bind("bits", m.bitDepth()).bind("codec", m.codec())
                .bind("ch", m.channels()).bind("dur", m.durationMs())
                .bind("wave", m.waveform().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .bind("preview", m.suggestedPreviewStartMs()).bind("unmeasured", m.unmeasured()).bind("now", now)
                .execute();
    }

    /**
     * Gives a track whose upload left its loudness to this analysis (a resumable upload's draft, decision 0038) the
     * measured integrated loudness and, as its peak, the true peak (never below the sample peak, so a player that
     * raises a quiet track by it stays clear of clipping). A track measured at upload keeps its figures.
     */
    public void fillLoudness(Handle h, String trackId, Measurement m) {
        h.createUpdate("UPDATE tracks SET loudness_lufs = :lufs, peak_dbfs = :peak WHERE id = :t "
                        + "AND loudness_lufs IS NULL AND peak_dbfs IS NULL")
                .bind("t", trackId).bind("lufs", m.integratedLufs()).bind("peak", m.truePeakDbtp()).execute();
    }

    /** Whether {@code trackId} has its measurement (its quality report is ready). */
    public boolean exists(Handle h, String trackId) {
        return h.createQuery("SELECT COUNT(*) FROM quality_reports WHERE track_id = :t").bind("t", trackId)
                .mapTo(Integer.class).one() > 0;
    }

    public Optional<Measurement> find(Handle h, String trackId) {
        return h.createQuery("SELECT integrated_lufs, true_peak_dbtp, clipped_samples, silence_start_ms, "
                        + "silence_end_ms, sample_rate_hz, bit_depth, codec, channels, duration_ms, waveform, "
                        + "suggested_preview_start_ms, unmeasured FROM quality_reports WHERE track_id = :t")
                .bind("t", trackId).map((rs, ctx) -> measurement(rs)).findOne();
    }

    private static Measurement measurement(ResultSet rs) throws SQLException {
        String wave = rs.getString(11);
        List<Integer> waveform = wave.isEmpty() ? List.of()
                : Arrays.stream(wave.split(",")).map(Integer::valueOf).toList();
        return new Measurement(nullableDouble(rs, 1), nullableDouble(rs, 2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getInt(6), nullableInt(rs, 7), rs.getString(8), rs.getInt(9), rs.getLong(10),
                waveform, rs.getLong(12), rs.getString(13));
    }

    /** A live track's file and owner. */
    public Optional<Source> source(Handle h, String trackId) {
        return h.createQuery("SELECT id, artist_id, sha256, format, duration_ms, created_at, preview_start_ms "
                        + "FROM tracks WHERE id = :t AND deleted_at IS NULL")
                .bind("t", trackId)
                .map((rs, ctx) -> new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), nullableLong(rs, 7)))
                .findOne();
    }

    /** "Title by Artist" of a track, for a duplicate warning. */
    public Optional<String> titleAndArtist(Handle h, String trackId) {
        return h.createQuery("SELECT t.title, a.name FROM tracks t JOIN artists a ON a.id = t.artist_id "
                        + "WHERE t.id = :t")
                .bind("t", trackId).map((rs, ctx) -> rs.getString(1) + " by " + rs.getString(2)).findOne();
    }

    /**
     * Live tracks that have no measurement yet, or no fingerprint when {@code needFingerprint}, oldest first: the
     * catalog made before this server could measure, or a server stopped mid-analysis.
     */
    public List<String> unanalyzed(Handle h, boolean needFingerprint, int limit) {
        return h.createQuery("SELECT t.id FROM tracks t WHERE t.deleted_at IS NULL AND (NOT EXISTS "
                        + "(SELECT 1 FROM quality_reports q WHERE q.track_id = t.id)"
                        + (needFingerprint ? " OR NOT EXISTS (SELECT 1 FROM track_fingerprints f "
                        + "WHERE f.track_id = t.id)" : "")
                        + ") ORDER BY t.created_at, t.id LIMIT :n")
                .bind("n", limit).mapTo(String.class).list();
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
