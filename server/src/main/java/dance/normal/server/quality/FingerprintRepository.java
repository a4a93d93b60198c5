package dance.normal.server.quality;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code track_fingerprints} and {@code fingerprint_keys} tables: each track's fingerprint and the inverted
 * index of its sampled keys (decision 0040). Every method takes the caller's handle.
 */
public final class FingerprintRepository {

    /** One row of the index: a key and where it occurs in a track's fingerprint. */
    public record Posting(int key, String trackId, int position) {
    }

    /**
     * Which tracks a lookup may answer with: live ones made before {@code trackId} (the earlier upload is the
     * original), and of those only the artist's own or published ones, so no other artist's draft is ever named.
     */
    public record Scope(String trackId, String artistId, long createdAt) {
    }

    /** Replaces the fingerprint of {@code trackId} and its keys. */
    public void save(Handle h, String trackId, Fingerprint fp, long now) {
        h.createUpdate("DELETE FROM fingerprint_keys WHERE track_id = :t").bind("t", trackId).execute();
        h.createUpdate("DELETE FROM track_fingerprints WHERE track_id = :t").bind("t", trackId).execute();
        h.createUpdate("INSERT INTO track_fingerprints (track_id, frames, created_at) VALUES (:t, :f, :now)")
                .bind("t", trackId).bind("f", fp.toBytes()).bind("now", now).execute();
        PreparedBatch batch = h.prepareBatch("INSERT INTO fingerprint_keys (fp_key, track_id, position) "
                + "VALUES (:k, :t, :p)");
        for (Fingerprint.Key key : fp.keys()) {
            batch.bind("k", key.key()).bind("t", trackId).bind("p", key.position()).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    public Optional<Fingerprint> find(Handle h, String trackId) {
        return h.createQuery("SELECT frames FROM track_fingerprints WHERE track_id = :t").bind("t", trackId)
                .mapTo(byte[].class).findOne().map(Fingerprint::fromBytes);
    }

    public Map<String, Fingerprint> findAll(Handle h, Collection<String> trackIds) {
        Map<String, Fingerprint> out = new HashMap<>();
        if (trackIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT track_id, frames FROM track_fingerprints WHERE track_id IN (<ids>)")
                .bindList("ids", List.copyOf(trackIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), Fingerprint.fromBytes(rs.getBytes(2))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The index rows of {@code keys} that belong to tracks in {@code scope}. */
    public List<Posting> postings(Handle h, Collection<Integer> keys, Scope scope) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT k.fp_key, k.track_id, k.position FROM fingerprint_keys k "
                        + "JOIN tracks t ON t.id = k.track_id "
                        + "WHERE k.fp_key IN (<keys>) AND t.deleted_at IS NULL AND t.id <> :self "
                        + "AND (t.created_at < :created OR (t.created_at = :created AND t.id < :self)) "
                        + "AND (t.published_at IS NOT NULL OR t.artist_id = :artist)")
                .bindList("keys", List.copyOf(keys))
                .bind("self", scope.trackId()).bind("created", scope.createdAt()).bind("artist", scope.artistId())
                .map((rs, ctx) -> new Posting(rs.getInt(1), rs.getString(2), rs.getInt(3)))
                .list();
    }
}
