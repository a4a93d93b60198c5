package dance.normal.server.tokens;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.QuoteRequest;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import dance.normal.server.royalty.RoyaltyRules;
import dance.normal.server.royalty.Split;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Prices a purchase and writes the message the buyer's wallet signs for it; a quote holds for two minutes. */
public final class QuoteService {

    public static final Duration VALID_FOR = Duration.ofMinutes(2);

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final OfferingService offerings;
    private final Clock clock;

    public QuoteService(Jdbi jdbi, CatalogRepository catalog, OfferingService offerings, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.offerings = offerings;
        this.clock = clock;
    }

    /** A stored quote. */
    record StoredQuote(String id, String accountId, String trackId, long quantity, long unitPriceMicros,
                       long totalMicros, String wallet, String message, long expiresAt) {
    }

    public Quote quote(Principal principal, QuoteRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send the quote request as JSON.");
        }
        String trackId = Http.uuid(request.trackId(), "trackId");
        Offering offering = offerings.find(trackId)
                .orElseThrow(() -> ApiException.notFound("This track has no token offering."));
        long quantity = request.quantity();
        if (quantity < 1 || quantity > offering.supply()) {
            throw ApiException.validation("quantity must be 1 to " + offering.supply() + " tokens.");
        }
        if (quantity > offering.available()) {
            throw ApiException.conflict(ProblemType.SOLD_OUT, offering.available() == 0
                    ? "This track's tokens are sold out."
                    : "Only " + offering.available() + " tokens of this track are left.");
        }
        Track track = catalog.track(trackId).orElseThrow(() -> ApiException.notFound("There is no such track."));
        return jdbi.inTransaction(h -> {
            requireUnderCap(h, principal.accountId(), offering, quantity, null);
            String wallet = WalletSignatures.resolve(h, principal.accountId(), request.wallet());
            String id = UUID.randomUUID().toString();
            Instant now = clock.instant();
            Instant expires = now.plus(VALID_FOR);
            long total = Math.multiplyExact(quantity, offering.priceMicros());
            Split split = RoyaltyRules.sale(total);
            String text = TokenMessages.purchase(id, trackId, track.title(), track.artistName(), quantity, total,
                    wallet, expires);
            h.createUpdate("INSERT INTO quotes (id, account_id, track_id, quantity, unit_price_micros, total_micros, "
                            + "wallet, message, created_at, expires_at) "
                            + "VALUES (:id, :a, :t, :q, :unit, :total, :w, :m, :now, :exp)")
                    .bind("id", id).bind("a", principal.accountId()).bind("t", trackId).bind("q", quantity)
                    .bind("unit", offering.priceMicros()).bind("total", total).bind("w", wallet).bind("m", text)
                    .bind("now", now.toEpochMilli()).bind("exp", expires.toEpochMilli()).execute();
            long ppm = quantity * offering.holderShareBp() * 90 / offering.supply();
            return new Quote(id, trackId, quantity, offering.priceMicros(), total, split.platform(), split.artist(),
                    total, ppm, wallet, text,
                    Base64.getEncoder().encodeToString(WalletSignatures.message(wallet, text)), expires);
        });
    }

    Optional<StoredQuote> find(Handle h, String id) {
        return h.createQuery("SELECT id, account_id, track_id, quantity, unit_price_micros, total_micros, wallet, "
                        + "message, expires_at FROM quotes WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new StoredQuote(rs.getString("id"), rs.getString("account_id"),
                        rs.getString("track_id"), rs.getLong("quantity"), rs.getLong("unit_price_micros"),
                        rs.getLong("total_micros"), rs.getString("wallet"), rs.getString("message"),
                        rs.getLong("expires_at")))
                .findOne();
    }

    /**
     * Refuses when buying {@code quantity} more would take the buyer past the offering's cap. Counts tokens held and
     * those in purchases under way, except {@code exceptPurchase}.
     */
    static void requireUnderCap(Handle h, String accountId, Offering offering, long quantity, String exceptPurchase) {
        if (offering.capPerBuyer() == null) {
            return;
        }
        long held = h.createQuery("SELECT COALESCE(SUM(quantity), 0) FROM purchases WHERE account_id = :a "
                        + "AND track_id = :t AND state NOT IN ('ACCEPTED', 'REJECTED', 'REFUNDED') AND id <> :except")
                .bind("a", accountId).bind("t", offering.trackId()).bind("except", exceptPurchase == null ? "" :
                        exceptPurchase)
                .mapTo(Long.class).one();
        if (held + quantity > offering.capPerBuyer()) {
            throw ApiException.conflict(ProblemType.CAP_REACHED, "One listener can hold at most "
                    + offering.capPerBuyer() + " tokens of this track; you have " + held + ".");
        }
    }
}
