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
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Prices a purchase and writes the message the buyer's wallet signs for it; a quote holds for two minutes. */
public final class QuoteService {

    public static final Duration VALID_FOR = Duration.ofMinutes(2);

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final OfferingRepository offerings;
    private final PurchaseRepository purchases;
    private final QuoteRepository quotes;
    private final Clock clock;

    public QuoteService(Jdbi jdbi, CatalogRepository catalog, TokenRepositories repositories, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.offerings = repositories.offerings();
        this.purchases = repositories.purchases();
        this.quotes = repositories.quotes();
        this.clock = clock;
    }

    public Quote quote(Principal principal, QuoteRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send the quote request as JSON.");
        }
        String trackId = Http.uuid(request.trackId(), "trackId");
        return jdbi.inTransaction(h -> quote(h, principal, request, trackId));
    }

    private Quote quote(Handle h, Principal principal, QuoteRequest request, String trackId) {
        Offering offering = offerings.find(h, trackId)
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
        Track track = catalog.findTrack(h, trackId).orElseThrow(() -> ApiException.notFound("There is no such track."));
        requireUnderCap(h, purchases, principal.accountId(), offering, quantity, null);
        String wallet = WalletSignatures.resolve(h, principal.accountId(), request.wallet());
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant expires = now.plus(VALID_FOR);
        Split split = sale(quantity, offering.priceMicros());
        long total = split.total();
        String text = TokenMessages.purchase(id, trackId, track.title(), track.artistName(), quantity, total,
                wallet, expires);
        quotes.insert(h, new QuoteRepository.StoredQuote(id, principal.accountId(), trackId, quantity,
                offering.priceMicros(), total, wallet, text, now.toEpochMilli(), expires.toEpochMilli()));
        long ppm = quantity * offering.holderShareBp() * 90 / offering.supply();
        return new Quote(id, trackId, quantity, offering.priceMicros(), total, split.platform(), split.artist(),
                total, ppm, wallet, text,
                Base64.getEncoder().encodeToString(WalletSignatures.message(wallet, text)), expires);
    }

    /**
     * What a fan pays for {@code quantity} tokens at {@code unitPriceMicros} (fee included) and how the sale splits:
     * the quote's price, which the purchase charges and records as the sale ({@link RoyaltyRules#sale}).
     */
    static Split sale(long quantity, long unitPriceMicros) {
        return RoyaltyRules.sale(Math.multiplyExact(quantity, unitPriceMicros));
    }

    /**
     * Refuses when buying {@code quantity} more would take the buyer past the offering's cap. Counts tokens held and
     * those in purchases under way, except {@code exceptPurchase}.
     */
    static void requireUnderCap(Handle h, PurchaseRepository purchases, String accountId, Offering offering,
                                long quantity, String exceptPurchase) {
        if (offering.capPerBuyer() == null) {
            return;
        }
        long held = purchases.quantity(h, accountId, offering.trackId(), PurchaseState.AGAINST_CAP, exceptPurchase);
        if (held + quantity > offering.capPerBuyer()) {
            throw ApiException.conflict(ProblemType.CAP_REACHED, "One listener can hold at most "
                    + offering.capPerBuyer() + " tokens of this track; you have " + held + ".");
        }
    }
}
