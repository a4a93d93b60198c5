package dance.normal.server.library;

import dance.normal.protocol.library.Playlist;
import dance.normal.server.catalog.CatalogRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code playlists} and {@code playlist_tracks} tables. The only class that writes SQL for them; every method
 * runs in the caller's transaction (decision 0033).
 */
public final class PlaylistRepository {

    /** A new playlist at version 1, without tracks; fails on a second one with the same key. */
    public void insert(Handle h, String id, String accountId, String name, String key, long now) {
        h.createUpdate("INSERT INTO playlists (id, account_id, name, version, updated_at, idempotency_key) "
                        + "VALUES (:id, :a, :name, 1, :now, :key)")
                .bind("id", id).bind("a", accountId).bind("name", name).bind("now", now).bind("key", key).execute();
    }

    /** One of the account's playlists, with its tracks. */
    public Optional<Playlist> find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT name, version, updated_at FROM playlists WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId)
                .map((rs, ctx) -> new Playlist(id, rs.getString("name"), tracks(h, id), rs.getLong("version"),
                        Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .findOne();
    }

    public Optional<String> idByKey(Handle h, String accountId, String key) {
        return h.createQuery("SELECT id FROM playlists WHERE account_id = :a AND idempotency_key = :key")
                .bind("a", accountId).bind("key", key).mapTo(String.class).findOne();
    }

    /** The account's playlists' ids, the most recently changed first. */
    public List<String> ids(Handle h, String accountId) {
        return h.createQuery("SELECT id FROM playlists WHERE account_id = :a ORDER BY updated_at DESC, id")
                .bind("a", accountId).mapTo(String.class).list();
    }

    /** Renames the playlist and moves it to its next version if it is still at {@code version}. */
    public boolean update(Handle h, String accountId, String id, long version, String name, long now) {
        return h.createUpdate("UPDATE playlists SET name = :name, version = version + 1, updated_at = :now "
                        + "WHERE id = :id AND account_id = :a AND version = :v")
                .bind("name", name).bind("now", now).bind("id", id).bind("a", accountId).bind("v", version)
                .execute() == 1;
    }

    /** Makes {@code trackIds} the playlist's tracks, in order. */
    public void replaceTracks(Handle h, String id, List<String> trackIds) {
        h.createUpdate("DELETE FROM playlist_tracks WHERE playlist_id = :id").bind("id", id).execute();
        if (trackIds.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO playlist_tracks (playlist_id, position, track_id) "
                + "VALUES (:p, :pos, :t)");
        for (int i = 0; i < trackIds.size(); i++) {
            batch.bind("p", id).bind("pos", i).bind("t", trackIds.get(i)).add();
        }
        batch.execute();
    }

    /** Deletes one of the account's playlists with its tracks; false when it has no such playlist. */
    public boolean delete(Handle h, String accountId, String id) {
        h.createUpdate("DELETE FROM playlist_tracks WHERE playlist_id IN "
                        + "(SELECT id FROM playlists WHERE id = :id AND account_id = :a)")
                .bind("id", id).bind("a", accountId).execute();
        return h.createUpdate("DELETE FROM playlists WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).execute() == 1;
    }

    /**
     * How many of these ids name published tracks of the catalog (a read of the catalog's table). A draft or an
     * unpublished track counts as no track, so a listener cannot learn that an id is someone's draft; a deleted track
     * that was published still counts, so a playlist that held it can be saved again.
     */
    public int countTracks(Handle h, List<String> trackIds) {
        return h.createQuery("SELECT COUNT(*) FROM tracks t WHERE t.id IN (<ids>) AND " + CatalogRepository.RELEASED)
                .bindList("ids", trackIds).mapTo(Integer.class).one();
    }

    /** True when a playlist with this id exists, whoever's it is. */
    public boolean exists(Handle h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM playlists WHERE id = :id").bind("id", id).mapTo(Integer.class)
                .one() > 0;
    }

    private static List<String> tracks(Handle h, String id) {
        return h.createQuery("SELECT track_id FROM playlist_tracks WHERE playlist_id = :id ORDER BY position")
                .bind("id", id).mapTo(String.class).list();
    }
}
