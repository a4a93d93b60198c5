package dance.normal.server.tokens;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The {@code token_holdings} table: who holds how many tokens of which track. The only class that writes SQL for it;
 * every method runs in the caller's transaction (decision 0033).
 */
public final class HoldingRepository {

    /** The holder that owns a track's unsold tokens. */
    public static final String TREASURY = "treasury";

    /** One holder's tokens of one track. */
    public record Holding(String trackId, String holder, long quantity) {
    }

    /** Gives an offering's whole supply to the treasury. */
    public void mintToTreasury(Handle h, String trackId, long supply) {
        h.createUpdate("INSERT INTO token_holdings (track_id, holder, quantity) VALUES (:t, :h, :q)")
                .bind("t", trackId).bind("h", TREASURY).bind("q", supply).execute();
    }

    /** Moves tokens between holders; fails when {@code from} holds fewer. */
    public void move(Handle h, String trackId, String from, String to, long quantity) {
        int taken = h.createUpdate("UPDATE token_holdings SET quantity = quantity - :q WHERE track_id = :t "
                        + "AND holder = :from AND quantity >= :q")
                .bind("q", quantity).bind("t", trackId).bind("from", from).execute();
        if (taken != 1) {
            throw new IllegalStateException(from + " holds fewer than " + quantity + " tokens of " + trackId);
        }
        int added = h.createUpdate("UPDATE token_holdings SET quantity = quantity + :q WHERE track_id = :t "
                + "AND holder = :to").bind("q", quantity).bind("t", trackId).bind("to", to).execute();
        if (added == 0) {
            h.createUpdate("INSERT INTO token_holdings (track_id, holder, quantity) VALUES (:t, :to, :q)")
                    .bind("t", trackId).bind("to", to).bind("q", quantity).execute();
        }
    }

    /** How many tokens of the track the holder has (0 when none). */
    public long quantity(Handle h, String trackId, String holder) {
        return h.createQuery("SELECT quantity FROM token_holdings WHERE track_id = :t AND holder = :a")
                .bind("t", trackId).bind("a", holder).mapTo(Long.class).findOne().orElse(0L);
    }

    /** The track's holders other than the treasury, with their tokens, for a split of its earnings. */
    public Map<String, Long> holdersOf(Handle h, String trackId) {
        Map<String, Long> holdings = new LinkedHashMap<>();
        h.createQuery("SELECT holder, quantity FROM token_holdings WHERE track_id = :t AND holder <> :treasury "
                        + "AND quantity > 0")
                .bind("t", trackId).bind("treasury", TREASURY)
                .map((rs, ctx) -> Map.entry(rs.getString("holder"), rs.getLong("quantity")))
                .forEach(e -> holdings.put(e.getKey(), e.getValue()));
        return holdings;
    }

    /** What one holder holds, most tokens first. */
    public List<Holding> heldBy(Handle h, String holder) {
        return h.createQuery("SELECT track_id, holder, quantity FROM token_holdings WHERE holder = :holder "
                        + "AND quantity > 0 ORDER BY quantity DESC, track_id")
                .bind("holder", holder).map((rs, ctx) -> new Holding(rs.getString("track_id"),
                        rs.getString("holder"), rs.getLong("quantity"))).list();
    }

    /** Every row, the treasury's included, for the audit. */
    public List<Holding> all(Handle h) {
        return h.createQuery("SELECT track_id, holder, quantity FROM token_holdings ORDER BY track_id, holder")
                .map((rs, ctx) -> new Holding(rs.getString("track_id"), rs.getString("holder"),
                        rs.getLong("quantity"))).list();
    }
}
