package dance.normal.server.library;

import dance.normal.protocol.library.Likes;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;

/**
 * A listener's likes. Liking and unliking are idempotent, so a client's outbox may deliver them again after a crash
 * without changing anything.
 */
public final class LikeService {

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final Clock clock;
    private final LikeRepository likes = new LikeRepository();

    public LikeService(Jdbi jdbi, CatalogRepository catalog, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Likes a track of the catalog; liking it again keeps the first time. */
    public void like(Principal principal, String trackId) {
        jdbi.useHandle(h -> {
            if (catalog.findTrack(h, trackId).isEmpty()) {
                throw ApiException.notFound("There is no such track.");
            }
            likes.like(h, principal.accountId(), trackId, clock.millis());
        });
    }

    /** Unlikes a track; unliking what is not liked changes nothing. */
    public void unlike(Principal principal, String trackId) {
        jdbi.useHandle(h -> likes.unlike(h, principal.accountId(), trackId));
    }

    public Likes likes(Principal principal) {
        return new Likes(jdbi.withHandle(h -> likes.likes(h, principal.accountId())));
    }

    /**
     * The entity tag of a list of likes: the same list (and order) has the same tag, so a client that sends it back
     * in If-None-Match is told 304 and nothing else while nothing changed.
     */
    public static String etag(Likes likes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : likes.trackIds()) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
