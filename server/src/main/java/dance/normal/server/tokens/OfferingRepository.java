package dance.normal.server.tokens;

import dance.normal.protocol.tokens.Offering;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code offerings} table: the only class that writes SQL for it. Every method runs in the caller's
 * transaction ({@link Handle}); the service decides where a transaction begins and ends (decision 0033).
 */
public final class OfferingRepository {

    private static final String COLUMNS = "track_id, artist_id, supply, price_micros, holder_share_bp, "
            + "cap_per_buyer, sold, reserved, chain, mint, treasury, created_at";

    /** A new offering's row. */
    public record NewOffering(String trackId, String artistId, long supply, long priceMicros, int holderShareBp,
                              Long capPerBuyer, String chain, String mint, String treasury, long createdAt) {
    }

    /** The counters the audit compares with holdings and purchases. */
    public record Counts(String trackId, long supply, long sold, long reserved) {
    }

    public void insert(Handle h, NewOffering o) {
        h.createUpdate("INSERT INTO offerings (track_id, artist_id, supply, price_micros, holder_share_bp, "
                        + "cap_per_buyer, chain, mint, treasury, created_at) "
                        + "VALUES (:t, :a, :supply, :price, :share, :cap, :chain, :mint, :treasury, :now)")
                .bind("t", o.trackId()).bind("a", o.artistId()).bind("supply", o.supply())
                .bind("price", o.priceMicros()).bind("share", o.holderShareBp()).bind("cap", o.capPerBuyer())
                .bind("chain", o.chain()).bind("mint", o.mint()).bind("treasury", o.treasury())
                .bind("now", o.createdAt()).execute();
    }

    public Optional<Offering> find(Handle h, String trackId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM offerings WHERE track_id = :t").bind("t", trackId)
                .map(OfferingRepository::offering).findOne();
    }

    /** Holds back {@code quantity} tokens for a purchase under way; false when fewer are left. */
    public boolean reserve(Handle h, String trackId, long quantity) {
        return h.createUpdate("UPDATE offerings SET reserved = reserved + :q WHERE track_id = :t "
                        + "AND sold + reserved + :q <= supply")
                .bind("q", quantity).bind("t", trackId).execute() == 1;
    }

    /** Gives back tokens a purchase held and will not buy. */
    public void release(Handle h, String trackId, long quantity) {
        h.createUpdate("UPDATE offerings SET reserved = reserved - :q WHERE track_id = :t")
                .bind("q", quantity).bind("t", trackId).execute();
    }

    /** Counts reserved tokens as sold. */
    public void sell(Handle h, String trackId, long quantity) {
        h.createUpdate("UPDATE offerings SET sold = sold + :q, reserved = reserved - :q WHERE track_id = :t")
                .bind("q", quantity).bind("t", trackId).execute();
    }

    /** Offerings opened on another chain than {@code chain}: track id and supply. */
    public List<Counts> notOn(Handle h, String chain) {
        return h.createQuery("SELECT track_id, supply, sold, reserved FROM offerings WHERE chain <> :chain")
                .bind("chain", chain).map(OfferingRepository::counts).list();
    }

    /** Records that an offering's tokens now live on {@code chain}; false if another process already did. */
    public boolean moveToChain(Handle h, String trackId, String chain, String mint, String treasury) {
        return h.createUpdate("UPDATE offerings SET chain = :chain, mint = :mint, treasury = :treasury "
                        + "WHERE track_id = :t AND chain <> :chain")
                .bind("chain", chain).bind("mint", mint).bind("treasury", treasury).bind("t", trackId)
                .execute() == 1;
    }

    /** Every offering's counters, by track. */
    public List<Counts> counts(Handle h) {
        return h.createQuery("SELECT track_id, supply, sold, reserved FROM offerings ORDER BY track_id")
                .map(OfferingRepository::counts).list();
    }

    private static Counts counts(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Counts(rs.getString("track_id"), rs.getLong("supply"), rs.getLong("sold"), rs.getLong("reserved"));
    }

    private static Offering offering(ResultSet rs, StatementContext ctx) throws SQLException {
        long cap = rs.getLong("cap_per_buyer");
        Long capPerBuyer = rs.wasNull() ? null : cap;
        long supply = rs.getLong("supply");
        long sold = rs.getLong("sold");
        return new Offering(rs.getString("track_id"), rs.getString("artist_id"), supply, rs.getLong("price_micros"),
                rs.getInt("holder_share_bp"), capPerBuyer, sold, supply - sold - rs.getLong("reserved"),
                rs.getString("chain"), rs.getString("mint"), rs.getString("treasury"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
