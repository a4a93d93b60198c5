package dance.normal.sync.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.library.Likes;
import dance.normal.protocol.library.Playlist;
import dance.normal.protocol.library.PlaylistDraft;
import dance.normal.protocol.library.Playlists;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.outbox.OutboxEntry;
import dance.normal.sync.store.LocalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's playlists, usable offline: every change is made here at once, with an outbox entry in the same
 * transaction, and reaches the server when it can. A playlist changed on another device in the meantime is merged by
 * {@link PlaylistMerge}'s rule and the merge is reported (the outbox keeps the entry as a conflict to show).
 */
public final class Library {

    /** What the outbox carries for a playlist change. */
    record Change(String localId, String name, List<String> trackIds, String baseName, List<String> baseTrackIds) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Library.class);
    private static final String DELETED_PREFIX = "playlist.deleted.";

    private final LocalStore store;
    private final ApiClient api;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json = ApiClient.mapper();
    private final PlaylistRows rows;
    /**
     * The tag of the server's likes as last pulled whole into the store, while nothing changed them here; each start
     * and each like or unlike here begin with a whole pull. Guarded by {@link #likesLock}, with the count of likes
     * and unlikes made here.
     */
    private String likesTag;
    private long localLikeChanges;
    private final Object likesLock = new Object();
    private volatile DownloadManager downloads;

    public Library(LocalStore store, ApiClient api, Outbox outbox, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.api = Objects.requireNonNull(api, "api");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rows = new PlaylistRows(json, clock);
        outbox.register(OutboxEntry.Kind.PLAYLIST_CREATE, this::deliverCreate);
        outbox.register(OutboxEntry.Kind.PLAYLIST_UPDATE, this::deliverUpdate);
        outbox.register(OutboxEntry.Kind.PLAYLIST_DELETE, this::deliverDelete);
    }

    // ---- What the app does.

    /** Creates a playlist here now and on the server when it can; returns its local id. */
    public String createPlaylist(String name, List<String> trackIds) {
        String localId = UUID.randomUUID().toString();
        String clean = checkedName(name);
        store.write(c -> {
            rows.save(c, new LocalPlaylist(localId, null, clean, trackIds, 0));
            outbox.add(c, OutboxEntry.Kind.PLAYLIST_CREATE, key(localId), localId,
                    new Change(localId, clean, trackIds, null, List.of()));
            return null;
        });
        return localId;
    }

    /** Changes a playlist's name and tracks. */
    public void updatePlaylist(String localId, String name, List<String> trackIds) {
        String clean = checkedName(name);
        store.write(c -> {
            LocalPlaylist before = rows.find(c, localId).orElseThrow(() -> new IllegalArgumentException(
                    "No playlist " + localId));
            rows.save(c, new LocalPlaylist(localId, before.serverId(), clean, trackIds, before.version()));
            outbox.add(c, OutboxEntry.Kind.PLAYLIST_UPDATE, key(localId), UUID.randomUUID().toString(),
                    new Change(localId, clean, trackIds, before.name(), before.trackIds()));
            return null;
        });
        followOffline();
    }

    public void deletePlaylist(String localId) {
        store.write(c -> {
            Optional<LocalPlaylist> before = rows.find(c, localId);
            if (before.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM playlists WHERE local_id = ?")) {
                ps.setString(1, localId);
                ps.executeUpdate();
            }
            outbox.add(c, OutboxEntry.Kind.PLAYLIST_DELETE, key(localId), UUID.randomUUID().toString(),
                    Map.of("localId", localId, "serverId", Objects.toString(before.get().serverId(), "")));
            return null;
        });
    }

    /**
     * Likes or unlikes a track: here at once, on the server when it can be reached (an unlike never overtakes its
     * like).
     */
    public void setLiked(String trackId, boolean liked) {
        Objects.requireNonNull(trackId, "trackId");
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(liked
                    ? "INSERT INTO likes (track_id, liked_at) VALUES (?, ?) ON CONFLICT (track_id) DO NOTHING"
                    : "DELETE FROM likes WHERE track_id = ?")) {
                ps.setString(1, trackId);
                if (liked) {
                    ps.setLong(2, clock.millis());
                }
                ps.executeUpdate();
            }
            outbox.add(c, liked ? OutboxEntry.Kind.LIKE : OutboxEntry.Kind.UNLIKE, likeKey(trackId),
                    UUID.randomUUID().toString(), Map.of("trackId", trackId));
            return null;
        });
        synchronized (likesLock) {
            likesTag = null;
            localLikeChanges++;
        }
    }

    public boolean isLiked(String trackId) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM likes WHERE track_id = ?")) {
                ps.setString(1, trackId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The liked tracks' ids, the latest like first. */
    public List<String> likes() {
        return store.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT track_id FROM likes ORDER BY liked_at DESC, "
                    + "track_id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** Lets playlists be kept offline through these downloads. */
    public void useDownloads(DownloadManager manager) {
        this.downloads = Objects.requireNonNull(manager, "manager");
    }

    /**
     * Keeps a playlist offline, or stops: its tracks are downloaded and pinned, and from now on follow its changes
     * (added tracks are downloaded, removed ones unpinned so the budget may evict them).
     */
    public void keepOffline(String localId, boolean on) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(on
                    ? "INSERT INTO offline_playlists (local_id) VALUES (?) ON CONFLICT DO NOTHING"
                    : "DELETE FROM offline_playlists WHERE local_id = ?")) {
                ps.setString(1, localId);
                ps.executeUpdate();
            }
            return null;
        });
        followOffline();
    }

    public boolean isOffline(String localId) {
        return store.read(c -> offlineIds(c).contains(localId));
    }

    /** Pins and downloads every track of the offline playlists; unpins tracks none of them holds any more. */
    private void followOffline() {
        DownloadManager manager = downloads;
        if (manager == null) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>();
        store.read(c -> {
            for (String id : offlineIds(c)) {
                rows.find(c, id).ifPresent(p -> wanted.addAll(p.trackIds()));
            }
            return null;
        });
        for (var d : manager.downloads()) {
            if (d.pinned() && !wanted.contains(d.trackId())) {
                manager.setPinned(d.trackId(), false);
            }
        }
        for (String trackId : wanted) {
            try {
                manager.download(trackId, true);
            } catch (IllegalArgumentException e) {
                LOG.info("Track {} of an offline playlist is not in the catalog here yet", trackId);
            }
        }
    }

    private static Set<String> offlineIds(Connection c) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT local_id FROM offline_playlists");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    public List<LocalPlaylist> playlists() {
        return store.read(rows::all);
    }

    public Optional<LocalPlaylist> playlist(String localId) {
        return store.read(c -> rows.find(c, localId));
    }

    /**
     * Brings playlists made or changed on other devices here. A playlist with changes still waiting in the outbox
     * keeps its local copy; the outbox's delivery reconciles it.
     */
    public void pull() {
        pullLikes();
        Playlists remote = api.get("/api/v1/me/playlists", Playlists.class);
        store.write(c -> {
            for (Playlist p : remote.playlists()) {
                Optional<LocalPlaylist> mine = rows.findByServerId(c, p.id());
                String localId = mine.map(LocalPlaylist::localId).orElse(p.id());
                if (!Outbox.hasPending(c, key(localId))) {
                    rows.save(c, new LocalPlaylist(localId, p.id(), p.name(), p.trackIds(), p.version()));
                }
            }
            return null;
        });
        followOffline();
    }

    /**
     * The server's likes replace ours, except for tracks whose like or unlike has not reached it yet. While the
     * server's list is the one pulled last (same tag), nothing is sent and nothing is written.
     */
    private void pullLikes() {
        String tag;
        long changesBefore;
        synchronized (likesLock) {
            tag = likesTag;
            changesBefore = localLikeChanges;
        }
        Optional<ApiClient.Tagged<Likes>> changed = api.getIfChanged("/api/v1/me/likes", Likes.class, tag);
        if (changed.isEmpty()) {
            return;
        }
        List<String> remote = changed.get().value().trackIds();
        long now = clock.millis();
        boolean keptPending = store.write(c -> {
            boolean kept = false;
            Set<String> theirs = new HashSet<>(remote);
            Set<String> pending = Outbox.pendingKeys(c, likeKey(""));
            for (String local : likesIn(c)) {
                if (!theirs.contains(local) && pending.contains(likeKey(local))) {
                    kept = true;
                } else if (!theirs.contains(local)) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM likes WHERE track_id = ?")) {
                        ps.setString(1, local);
                        ps.executeUpdate();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO likes (track_id, liked_at) VALUES (?, ?) ON CONFLICT (track_id) DO NOTHING")) {
                for (int i = 0; i < remote.size(); i++) {
                    if (pending.contains(likeKey(remote.get(i)))) {
                        kept = true;
                    } else {
                        ps.setString(1, remote.get(i));
                        ps.setLong(2, now - i); // the server's order: latest first
                        ps.executeUpdate();
                    }
                }
            }
            return kept;
        });
        // Only a list taken whole is "current": with a pending change kept, the next pull reads the list again (the
        // server may refuse that change, and then its list would not change to say so).
        synchronized (likesLock) {
            likesTag = keptPending || localLikeChanges != changesBefore ? null : changed.get().etag();
        }
    }

    private static List<String> likesIn(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT track_id FROM likes");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** The outbox's item key for a track's like: the same as {@link Outbox#like}, so changes keep their order. */
    private static String likeKey(String trackId) {
        return "track:" + trackId;
    }

    // ---- Deliveries, called by the outbox.

    private String deliverCreate(OutboxEntry entry) {
        Change change = payload(entry);
        Playlist created = api.call("POST", "/api/v1/me/playlists", new PlaylistDraft(change.name(),
                change.trackIds()), Playlist.class, Map.of("Idempotency-Key", entry.idempotencyKey()), true);
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE playlists SET server_id = ?, version = ? WHERE local_id = ?")) {
                ps.setString(1, created.id());
                ps.setLong(2, created.version());
                ps.setString(3, change.localId());
                if (ps.executeUpdate() == 0) {
                    // Deleted here before the create went out: the delete that follows needs the server's id.
                    LocalStore.setState(c, DELETED_PREFIX + change.localId(), created.id());
                }
            }
            return null;
        });
        return null;
    }

    private String deliverUpdate(OutboxEntry entry) {
        Change change = payload(entry);
        LocalPlaylist local = store.read(c -> rows.find(c, change.localId())).orElse(null);
        if (local == null || local.serverId() == null) {
            LOG.info("Playlist {} is gone or was never created; its update is dropped", change.localId());
            return "This playlist could not be saved on the server.";
        }
        String path = "/api/v1/me/playlists/" + local.serverId();
        try {
            Playlist saved = put(path, local.version(), change.name(), change.trackIds());
            remember(change.localId(), saved, false);
            return null;
        } catch (ProblemException e) {
            if (e.status() != 412) {
                throw e;
            }
        }
        // Changed on another device since: merge by the stated rule, save the merge, and report it.
        Playlist theirs = api.get(path, Playlist.class);
        List<String> tracks = PlaylistMerge.tracks(change.baseTrackIds(), change.trackIds(), theirs.trackIds());
        String name = PlaylistMerge.name(change.baseName(), change.name(), theirs.name());
        Playlist merged = put(path, theirs.version(), name, tracks);
        remember(change.localId(), merged, true);
        followOffline();
        return "\"" + name + "\" was also changed on another device; both sets of changes were kept.";
    }

    private String deliverDelete(OutboxEntry entry) {
        Map<String, String> change = payload(entry, new TypeReference<>() { });
        String serverId = change.getOrDefault("serverId", "");
        if (serverId.isEmpty()) {
            serverId = store.read(c -> LocalStore.state(c, DELETED_PREFIX + change.get("localId"))).orElse("");
        }
        if (!serverId.isEmpty()) {
            api.call("DELETE", "/api/v1/me/playlists/" + serverId, null, Void.class, Map.of(), true);
        }
        return null;
    }

    private Playlist put(String path, long version, String name, List<String> tracks) {
        return api.call("PUT", path, new PlaylistDraft(name, tracks), Playlist.class,
                Map.of("If-Match", "\"" + version + "\""), false);
    }

    /** Stores what the server now holds; the local content too unless later edits wait to be delivered. */
    private void remember(String localId, Playlist saved, boolean replaceContent) {
        store.write(c -> {
            boolean laterEdits = Outbox.hasPending(c, key(localId)) && pendingAfterThis(c, localId);
            if (replaceContent && !laterEdits) {
                rows.save(c, new LocalPlaylist(localId, saved.id(), saved.name(), saved.trackIds(), saved.version()));
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE playlists SET version = ? WHERE local_id = ?")) {
                    ps.setLong(1, saved.version());
                    ps.setString(2, localId);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Whether more than the entry being delivered waits for this playlist. */
    private static boolean pendingAfterThis(Connection c, String localId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM outbox WHERE item_key = ? AND state = 'PENDING'")) {
            ps.setString(1, key(localId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 1;
            }
        }
    }

    private Change payload(OutboxEntry entry) {
        return payload(entry, new TypeReference<Change>() { });
    }

    private <T> T payload(OutboxEntry entry, TypeReference<T> type) {
        try {
            return json.readValue(entry.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox entry " + entry.seq() + " cannot be read", e);
        }
    }

    private static String key(String localId) {
        return "playlist:" + localId;
    }

    private static String checkedName(String name) {
        if (name == null || name.strip().isEmpty() || name.strip().length() > 200) {
            throw new IllegalArgumentException("A playlist needs a name of 1 to 200 characters.");
        }
        return name.strip();
    }
}
