package dance.normal.server.plays;

import dance.normal.protocol.plays.PlayBatch;
import dance.normal.protocol.plays.PlayBatchResult;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.protocol.plays.PlayReceipt;
import dance.normal.protocol.plays.Popular;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Records plays sent by clients, exactly once: a play's id is made by the client, and a replayed id hits the
 * primary key and is acknowledged as a duplicate. A batch is all or nothing, so a client can simply resend it.
 */
public final class PlayService {

    public static final int MAX_BATCH = 500;
    /** A play qualifies (earns royalties) at 30 s, or at half the track for tracks shorter than a minute. */
    public static final long QUALIFYING_MS = 30_000;
    private static final long MAX_PLAYED_MS = Duration.ofHours(24).toMillis();
    private static final Duration MAX_AGE = Duration.ofDays(90);
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final Clock clock;

    public PlayService(Jdbi jdbi, CatalogRepository catalog, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** How far back "popular" looks. */
    public static final Duration POPULAR_WINDOW = Duration.ofDays(30);

    /** The tracks with the most qualified plays in the last 30 days (tracks still in the catalog), at most 100. */
    public Popular popular(int limit) {
        int n = Math.clamp(limit, 1, 100);
        long since = clock.millis() - POPULAR_WINDOW.toMillis();
        return new Popular(jdbi.withHandle(h -> h.createQuery("SELECT p.track_id, count(*) AS n FROM plays p "
                        + "JOIN tracks t ON t.id = p.track_id AND t.deleted_at IS NULL "
                        + "WHERE p.qualified AND p.started_at >= :since "
                        + "GROUP BY p.track_id ORDER BY n DESC, p.track_id LIMIT :limit")
                .bind("since", since)
                .bind("limit", n)
                .map((rs, ctx) -> new Popular.Entry(rs.getString("track_id"), rs.getLong("n")))
                .list()));
    }

    public static boolean qualifies(long playedMs, long durationMs) {
        return playedMs >= QUALIFYING_MS || (durationMs > 0 && playedMs * 2 >= durationMs);
    }

    public PlayBatchResult record(Principal principal, PlayBatch batch) {
        List<PlayEvent> plays = batch.plays();
        if (plays == null || plays.isEmpty()) {
            throw ApiException.validation("Send at least one play in \"plays\".");
        }
        if (plays.size() > MAX_BATCH) {
            throw ApiException.validation("Send at most " + MAX_BATCH + " plays per request.");
        }
        long now = clock.millis();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < plays.size(); i++) {
            PlayEvent p = plays.get(i);
            String where = "plays[" + i + "]";
            if (p == null || p.id() == null || p.trackId() == null || p.startedAt() == null || p.playedMs() == null) {
                throw ApiException.validation(where + " needs id, trackId, startedAt and playedMs.");
            }
            if (p.playedMs() < 0 || p.playedMs() > MAX_PLAYED_MS) {
                throw ApiException.validation(where + ".playedMs must be between 0 and 24 hours.");
            }
            long started = p.startedAt().toEpochMilli();
            if (started > now + MAX_CLOCK_SKEW.toMillis() || started < now - MAX_AGE.toMillis()) {
                throw ApiException.validation(where + ".startedAt is too far from now.");
            }
            if (!seen.add(p.id())) {
                throw ApiException.validation(where + " repeats the id of an earlier play in this batch.");
            }
        }
        return jdbi.inTransaction(h -> {
            List<PlayReceipt> receipts = new ArrayList<>();
            int recorded = 0;
            for (int i = 0; i < plays.size(); i++) {
                PlayEvent p = plays.get(i);
                Optional<Long> duration = validTrack(p.trackId()) ? catalog.durationMs(h, p.trackId())
                        : Optional.empty();
                if (duration.isEmpty()) {
                    throw ApiException.validation("plays[" + i + "].trackId names no track in the catalog.");
                }
                boolean qualified = qualifies(p.playedMs(), duration.get());
                int inserted = h.createUpdate("INSERT INTO plays (id, account_id, track_id, started_at, played_ms, "
                                + "qualified, received_at) VALUES (:id, :a, :t, :s, :ms, :q, :now) "
                                + "ON CONFLICT (id) DO NOTHING")
                        .bind("id", p.id().toString()).bind("a", principal.accountId()).bind("t", p.trackId())
                        .bind("s", p.startedAt().toEpochMilli()).bind("ms", p.playedMs()).bind("q", qualified)
                        .bind("now", now).execute();
                if (inserted == 1) {
                    recorded++;
                    receipts.add(new PlayReceipt(p.id(), PlayReceipt.Status.RECORDED, qualified));
                } else {
                    boolean wasQualified = h.createQuery("SELECT qualified FROM plays WHERE id = :id")
                            .bind("id", p.id().toString()).mapTo(Boolean.class).one();
                    receipts.add(new PlayReceipt(p.id(), PlayReceipt.Status.DUPLICATE, wasQualified));
                }
            }
            return new PlayBatchResult(recorded, plays.size() - recorded, receipts);
        });
    }

    private static boolean validTrack(String id) {
        try {
            UUID.fromString(id);
            return id.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
