package dance.normal.server.library;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.library.Playlist;
import dance.normal.protocol.library.PlaylistDraft;
import dance.normal.protocol.library.Playlists;
import dance.normal.server.auth.Principal;
import dance.normal.server.http.ApiException;
import java.time.Clock;
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
    private final PlaylistRepository playlists = new PlaylistRepository();

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
                playlists.insert(h, id, principal.accountId(), valid.name(), idempotencyKey, now);
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
            if (!playlists.update(h, principal.accountId(), id, expectedVersion, valid.name(), clock.millis())) {
                Playlist current = playlists.find(h, principal.accountId(), id)
                        .orElseThrow(() -> ApiException.notFound("There is no such playlist."));
                throw new ApiException(ProblemType.PRECONDITION_FAILED, 412, "The playlist changed since version "
                        + expectedVersion + "; it is at version " + current.version() + " now.",
                        Map.of("ETag", etag(current)));
            }
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
            if (!playlists.delete(h, principal.accountId(), id) && playlists.exists(h, id)) {
                throw ApiException.notFound("There is no such playlist.");
            }
        });
    }

    public Optional<Playlist> find(Principal principal, String id) {
        return jdbi.withHandle(h -> playlists.find(h, principal.accountId(), id));
    }

    public Playlists list(Principal principal) {
        return jdbi.withHandle(h -> {
            List<Playlist> all = new ArrayList<>();
            for (String id : playlists.ids(h, principal.accountId())) {
                playlists.find(h, principal.accountId(), id).ifPresent(all::add);
            }
            return new Playlists(all);
        });
    }

    /** The ETag of a playlist: its version. */
    public static String etag(Playlist playlist) {
        return "\"" + playlist.version() + "\"";
    }

    private Optional<Playlist> byKey(Principal principal, String key) {
        return jdbi.withHandle(h -> playlists.idByKey(h, principal.accountId(), key)
                .flatMap(id -> playlists.find(h, principal.accountId(), id)));
    }

    /** Makes {@code trackIds} the playlist's tracks, after checking each is in the catalog. */
    private void writeTracks(Handle h, String id, List<String> trackIds) {
        Set<String> distinct = new HashSet<>(trackIds);
        int known = 0;
        for (List<String> chunk : chunks(new ArrayList<>(distinct), 500)) {
            known += playlists.countTracks(h, chunk);
        }
        if (known != distinct.size()) {
            for (String trackId : trackIds) {
                if (playlists.countTracks(h, List.of(trackId)) == 0) {
                    throw ApiException.validation("trackIds names a track that is not in the catalog: " + trackId
                            + ".");
                }
            }
        }
        playlists.replaceTracks(h, id, trackIds);
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
