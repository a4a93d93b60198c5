package dance.normal.server.library;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.library.Playlist;
import dance.normal.protocol.library.PlaylistDraft;
import dance.normal.protocol.library.Playlists;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A listener's playlists. A create carries an idempotency key, so a client may send it again after a crash and
 * still get one playlist; an update names the version it was based on and is refused with 412 when the playlist
 * changed since, so two devices never overwrite each other silently.
 */
public final class PlaylistService {

    public static final int MAX_NAME = 200;
    public static final int MAX_TRACKS = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;

    public PlaylistService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Playlist create(Principal principal, String idempotencyKey, PlaylistDraft draft) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw ApiException.badRequest("Send an Idempotency-Key header (up to 100 characters) with a new playlist.");
        }
        PlaylistDraft valid = validate(draft);
        Optional<Playlist> earlier = byKey(principal, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("INSERT INTO playlists (id, account_id, name, version, updated_at, idempotency_key) "
                                + "VALUES (:id, :a, :name, 1, :now, :key)")
                        .bind("id", id).bind("a", principal.accountId()).bind("name", valid.name())
                        .bind("now", now).bind("key", idempotencyKey).execute();
                writeTracks(h, id, valid.trackIds());
            });
        } catch (UnableToExecuteStatementException e) {
            // The same key at the same moment from another request: that one won, and is the answer.
            return byKey(principal, idempotencyKey).orElseThrow(() -> e);
        }
        return find(principal, id).orElseThrow();
    }

    /** Replaces name and tracks if the playlist is still at {@code expectedVersion}. */
    public Playlist update(Principal principal, String id, long expectedVersion, PlaylistDraft draft) {
        PlaylistDraft valid = validate(draft);
        jdbi.useTransaction(h -> {
            int changed = h.createUpdate("UPDATE playlists SET name = :name, version = version + 1, "
                            + "updated_at = :now WHERE id = :id AND account_id = :a AND version = :v")
                    .bind("name", valid.name()).bind("now", clock.millis()).bind("id", id)
                    .bind("a", principal.accountId()).bind("v", expectedVersion).execute();
            if (changed == 0) {
                Playlist current = find(h, principal, id)
                        .orElseThrow(() -> ApiException.notFound("There is no such playlist."));
                throw new ApiException(ProblemType.PRECONDITION_FAILED, 412, "The playlist changed since version "
                        + expectedVersion + "; it is at version " + current.version() + " now.",
                        Map.of("ETag", etag(current)));
            }
            h.createUpdate("DELETE FROM playlist_tracks WHERE playlist_id = :id").bind("id", id).execute();
            writeTracks(h, id, valid.trackIds());
        });
        return find(principal, id).orElseThrow();
    }

    /**
     * Deletes one of the caller's playlists. Deleting it again is fine (a retried delete from the outbox); another
     * account's playlist is not found, as it is for reading.
     */
    public void delete(Principal principal, String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM playlist_tracks WHERE playlist_id IN "
                            + "(SELECT id FROM playlists WHERE id = :id AND account_id = :a)")
                    .bind("id", id).bind("a", principal.accountId()).execute();
            int deleted = h.createUpdate("DELETE FROM playlists WHERE id = :id AND account_id = :a")
                    .bind("id", id).bind("a", principal.accountId()).execute();
            if (deleted == 0 && h.createQuery("SELECT COUNT(*) FROM playlists WHERE id = :id").bind("id", id)
                    .mapTo(Integer.class).one() > 0) {
                throw ApiException.notFound("There is no such playlist.");
            }
        });
    }

    public Optional<Playlist> find(Principal principal, String id) {
        return jdbi.withHandle(h -> find(h, principal, id));
    }

    public Playlists list(Principal principal) {
        return jdbi.withHandle(h -> {
            List<String> ids = h.createQuery("SELECT id FROM playlists WHERE account_id = :a "
                            + "ORDER BY updated_at DESC, id").bind("a", principal.accountId())
                    .mapTo(String.class).list();
            List<Playlist> all = new ArrayList<>();
            for (String id : ids) {
                find(h, principal, id).ifPresent(all::add);
            }
            return new Playlists(all);
        });
    }

    /** The ETag of a playlist: its version. */
    public static String etag(Playlist playlist) {
        return "\"" + playlist.version() + "\"";
    }

    private Optional<Playlist> byKey(Principal principal, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM playlists WHERE account_id = :a AND "
                        + "idempotency_key = :key").bind("a", principal.accountId()).bind("key", key)
                .mapTo(String.class).findOne().flatMap(id -> find(h, principal, id)));
    }

    private static Optional<Playlist> find(Handle h, Principal principal, String id) {
        return h.createQuery("SELECT name, version, updated_at FROM playlists WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", principal.accountId())
                .map((rs, ctx) -> new Playlist(id, rs.getString("name"), tracks(h, id), rs.getLong("version"),
                        Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .findOne();
    }

    private static List<String> tracks(Handle h, String id) {
        return h.createQuery("SELECT track_id FROM playlist_tracks WHERE playlist_id = :id ORDER BY position")
                .bind("id", id).mapTo(String.class).list();
    }

    private static void writeTracks(Handle h, String id, List<String> trackIds) {
        if (trackIds.isEmpty()) {
            return;
        }
        Set<String> distinct = new HashSet<>(trackIds);
        int known = 0;
        for (List<String> chunk : chunks(new ArrayList<>(distinct), 500)) {
            known += h.createQuery("SELECT COUNT(*) FROM tracks WHERE id IN (<ids>)").bindList("ids", chunk)
                    .mapTo(Integer.class).one();
        }
        if (known != distinct.size()) {
            for (String trackId : trackIds) {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM tracks WHERE id = :id").bind("id", trackId)
                        .mapTo(Integer.class).one() > 0;
                if (!exists) {
                    throw ApiException.validation("trackIds names a track that is not in the catalog: " + trackId
                            + ".");
                }
            }
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO playlist_tracks (playlist_id, position, track_id) "
                + "VALUES (:p, :pos, :t)");
        for (int i = 0; i < trackIds.size(); i++) {
            batch.bind("p", id).bind("pos", i).bind("t", trackIds.get(i)).add();
        }
        batch.execute();
    }

    private static List<List<String>> chunks(List<String> all, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    private static PlaylistDraft validate(PlaylistDraft draft) {
        if (draft == null || draft.name() == null || draft.name().strip().isEmpty()) {
            throw ApiException.validation("Give the playlist a name.");
        }
        String name = draft.name().strip();
        if (name.length() > MAX_NAME) {
            throw ApiException.validation("A playlist name has at most " + MAX_NAME + " characters.");
        }
        List<String> tracks = draft.trackIds() == null ? List.of() : draft.trackIds();
        if (tracks.size() > MAX_TRACKS) {
            throw ApiException.validation("A playlist holds at most " + MAX_TRACKS + " tracks.");
        }
        for (String t : tracks) {
            if (t == null) {
                throw ApiException.validation("trackIds must not contain null.");
            }
        }
        return new PlaylistDraft(name, tracks.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
    }
}
