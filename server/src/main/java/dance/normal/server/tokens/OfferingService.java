package dance.normal.server.tokens;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.http.ApiException;
import dance.normal.server.royalty.RoyaltyRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Artists open offerings for their tracks: one mint per track, its whole supply minted to the treasury. */
public final class OfferingService {

    /** The holder that owns a track's unsold tokens. */
    public static final String TREASURY = "treasury";
    public static final long MAX_SUPPLY = 1_000_000;
    /** $10,000 per token. */
    public static final long MAX_PRICE_MICROS = 10_000_000_000L;

    private static final String COLUMNS = "track_id, artist_id, supply, price_micros, holder_share_bp, "
            + "cap_per_buyer, sold, reserved, chain, mint, treasury, created_at";

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final Chain chain;
    private final Clock clock;

    public OfferingService(Jdbi jdbi, CatalogRepository catalog, Chain chain, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.chain = chain;
        this.clock = clock;
    }

    public Offering open(Principal principal, OfferingRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send the offering as JSON.");
        }
        Artist artist = catalog.artistOfAccount(principal.accountId())
                .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
        String trackId = request.trackId() == null ? "" : request.trackId().strip();
        Track track = catalog.track(trackId).orElseThrow(() -> ApiException.notFound("There is no such track."));
        if (!track.artistId().equals(artist.id())) {
            throw ApiException.forbidden("This track belongs to another artist.");
        }
        validate(request);
        if (find(trackId).isPresent()) {
            throw ApiException.conflict(ProblemType.CONFLICT, "This track already has an offering.");
        }
        // On chain this mints the supply to the treasury; done before the row exists, and harmless to repeat.
        Chain.MintAccounts accounts = chain.openOffering(trackId, request.supply());
        long now = clock.millis();
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("INSERT INTO offerings (track_id, artist_id, supply, price_micros, holder_share_bp, "
                                + "cap_per_buyer, chain, mint, treasury, created_at) "
                                + "VALUES (:t, :a, :supply, :price, :share, :cap, :chain, :mint, :treasury, :now)")
                        .bind("t", trackId).bind("a", artist.id()).bind("supply", request.supply())
                        .bind("price", request.priceMicros()).bind("share", request.holderShareBp())
                        .bind("cap", request.capPerBuyer()).bind("chain", chain.name())
                        .bind("mint", accounts.mint()).bind("treasury", accounts.treasury()).bind("now", now)
                        .execute();
                h.createUpdate("INSERT INTO token_holdings (track_id, holder, quantity) VALUES (:t, :h, :q)")
                        .bind("t", trackId).bind("h", TREASURY).bind("q", request.supply()).execute();
            });
        } catch (RuntimeException e) {
            if (find(trackId).isPresent()) {
                throw ApiException.conflict(ProblemType.CONFLICT, "This track already has an offering.");
            }
            throw e;
        }
        return find(trackId).orElseThrow();
    }

    private static void validate(OfferingRequest r) {
        if (r.supply() < 1 || r.supply() > MAX_SUPPLY) {
            throw ApiException.validation("supply must be 1 to " + MAX_SUPPLY + " whole tokens.");
        }
        if (r.priceMicros() < 10_000 || r.priceMicros() > MAX_PRICE_MICROS || r.priceMicros() % 10_000 != 0) {
            throw ApiException.validation("priceMicros must be whole cents from $0.01 to $10,000 "
                    + "(10000 to 10000000000 micro-dollars).");
        }
        if (r.holderShareBp() < 0 || r.holderShareBp() > RoyaltyRules.MAX_HOLDER_SHARE_BP) {
            throw ApiException.validation("holderShareBp must be 0 to " + RoyaltyRules.MAX_HOLDER_SHARE_BP
                    + " (0% to 50% of the artist side).");
        }
        if (r.capPerBuyer() != null && (r.capPerBuyer() < 1 || r.capPerBuyer() > r.supply())) {
            throw ApiException.validation("capPerBuyer must be 1 to the supply, or left out for no cap.");
        }
    }

    public Optional<Offering> find(String trackId) {
        return jdbi.withHandle(h -> find(h, trackId));
    }

    Optional<Offering> find(Handle h, String trackId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM offerings WHERE track_id = :t").bind("t", trackId)
                .map(OfferingService::offering).findOne();
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
