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
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Artists open offerings for their tracks: one mint per track, its whole supply minted to the treasury. */
public final class OfferingService {

    public static final long MAX_SUPPLY = 1_000_000;
    /** $10,000 per token. */
    public static final long MAX_PRICE_MICROS = 10_000_000_000L;

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final OfferingRepository offerings;
    private final HoldingRepository holdings;
    private final Chain chain;
    private final Clock clock;

    public OfferingService(Jdbi jdbi, CatalogRepository catalog, TokenRepositories repositories, Chain chain,
                           Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.offerings = repositories.offerings();
        this.holdings = repositories.holdings();
        this.chain = chain;
        this.clock = clock;
    }

    public Offering open(Principal principal, OfferingRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send the offering as JSON.");
        }
        String trackId = request.trackId() == null ? "" : request.trackId().strip();
        String artistId = jdbi.withHandle(h -> {
            Artist artist = catalog.artistOfAccount(h, principal.accountId())
                    .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
            Track track = catalog.findTrack(h, trackId)
                    .orElseThrow(() -> ApiException.notFound("There is no such track."));
            if (!track.artistId().equals(artist.id())) {
                throw ApiException.forbidden("This track belongs to another artist.");
            }
            validate(request.supply(), request.priceMicros(), request.holderShareBp(), request.capPerBuyer());
            requireNoOffering(h, trackId);
            return artist.id();
        });
        // On chain this mints the supply to the treasury; done before the row exists, and harmless to repeat.
        Chain.MintAccounts accounts = chain.openOffering(trackId, request.supply());
        try {
            return jdbi.inTransaction(h -> {
                requireNoOffering(h, trackId);
                offerings.insert(h, new OfferingRepository.NewOffering(trackId, artistId, request.supply(),
                        request.priceMicros(), request.holderShareBp(), request.capPerBuyer(), chain.name(),
                        accounts.mint(), accounts.treasury(), clock.millis()));
                FaultPoints.hit("offering.inserted");
                holdings.mintToTreasury(h, trackId, request.supply());
                return offerings.find(h, trackId).orElseThrow();
            });
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            if (jdbi.withHandle(h -> offerings.find(h, trackId)).isPresent()) {
                throw alreadyOffered();
            }
            throw e;
        }
    }

    private void requireNoOffering(Handle h, String trackId) {
        if (offerings.find(h, trackId).isPresent()) {
            throw alreadyOffered();
        }
    }

    private static ApiException alreadyOffered() {
        return ApiException.conflict(ProblemType.CONFLICT, "This track already has an offering.");
    }

    /**
     * The limits of an offering, checked when one opens and when the Studio previews one: a 422 naming the field.
     */
    static void validate(long supply, long priceMicros, int holderShareBp, Long capPerBuyer) {
        if (supply < 1 || supply > MAX_SUPPLY) {
            throw ApiException.validation("supply must be 1 to " + MAX_SUPPLY + " whole tokens.");
        }
        if (priceMicros < 10_000 || priceMicros > MAX_PRICE_MICROS || priceMicros % 10_000 != 0) {
            throw ApiException.validation("priceMicros must be whole cents from $0.01 to $10,000 "
                    + "(10000 to 10000000000 micro-dollars).");
        }
        if (holderShareBp < 0 || holderShareBp > RoyaltyRules.MAX_HOLDER_SHARE_BP) {
            throw ApiException.validation("holderShareBp must be 0 to " + RoyaltyRules.MAX_HOLDER_SHARE_BP
                    + " (0% to 50% of the artist side).");
        }
        if (capPerBuyer != null && (capPerBuyer < 1 || capPerBuyer > supply)) {
            throw ApiException.validation("capPerBuyer must be 1 to the supply, or left out for no cap.");
        }
    }

    public Optional<Offering> find(String trackId) {
        return jdbi.withHandle(h -> offerings.find(h, trackId));
    }
}
