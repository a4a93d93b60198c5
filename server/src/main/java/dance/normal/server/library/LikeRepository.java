package dance.normal.server.library;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code likes} table; every method runs in the caller's transaction (decision 0033). */
public final class LikeRepository {

    /** Likes a track; liking it again keeps the first time. */
    public void like(Handle h, String accountId, String trackId, long now) {
        h.createUpdate("INSERT INTO likes (account_id, track_id, liked_at) VALUES (:a, :t, :now) "
                        + "ON CONFLICT (account_id, track_id) DO NOTHING")
                .bind("a", accountId).bind("t", trackId).bind("now", now).execute();
    }

    public void unlike(Handle h, String accountId, String trackId) {
        h.createUpdate("DELETE FROM likes WHERE account_id = :a AND track_id = :t").bind("a", accountId)
                .bind("t", trackId).execute();
    }

    /** The account's liked tracks, the newest like first. */
    public List<String> likes(Handle h, String accountId) {
        return h.createQuery("SELECT track_id FROM likes WHERE account_id = :a ORDER BY liked_at DESC, track_id")
                .bind("a", accountId).mapTo(String.class).list();
    }
}
