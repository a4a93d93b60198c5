package dance.normal.server.tokens;

import dance.normal.protocol.Money;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Settlement;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.ledger.Accounts;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.plays.PlayRepository;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.Posting;
import dance.normal.server.royalty.RoyaltyRules;
import dance.normal.server.royalty.Split;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Royalty settlement: turns qualified plays received up to a cutoff into ledger entries, one transaction per track.
 * Each play is marked with the settlement that paid it in the same transaction, so a play is paid once even when two
 * server processes settle at the same moment. The split is {@link RoyaltyRules#plays}: 10% platform, the artist side
 * to the artist and, by the offering's holder share, to holders pro rata to the tokens they hold at settlement.
 */
public final class SettlementService {

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final CatalogRepository catalog;
    private final OfferingRepository offerings;
    private final HoldingRepository holdings;
    private final PlayRepository playRecords = new PlayRepository();
    private final SettlementRepository settlements = new SettlementRepository();
    private final Clock clock;
    private final long perPlayMicros;

    public SettlementService(Jdbi jdbi, Ledger ledger, CatalogRepository catalog, TokenRepositories repositories,
                             Clock clock, long perPlayMicros) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.catalog = catalog;
        this.offerings = repositories.offerings();
        this.holdings = repositories.holdings();
        this.clock = clock;
        this.perPlayMicros = perPlayMicros;
    }

    /** Settles every unsettled qualified play received up to now. */
    public Settlement settle() {
        return settle(clock.instant());
    }

    public Settlement settle(Instant cutoff) {
        String id = UUID.randomUUID().toString();
        List<String> tracks = jdbi.withHandle(h -> playRecords.unsettledTracks(h, cutoff.toEpochMilli()));
        long plays = 0;
        long total = 0;
        long paidTracks = 0;
        for (String track : tracks) {
            long[] result = jdbi.inTransaction(h -> settleTrack(h, id, track, cutoff.toEpochMilli()));
            if (result[0] > 0) {
                plays += result[0];
                total += result[1];
                paidTracks++;
            }
        }
        long p = plays;
        long t = total;
        jdbi.useHandle(h -> settlements.insert(h, id, cutoff.toEpochMilli(), p, t, clock.millis()));
        return new Settlement(id, plays, paidTracks, total, cutoff);
    }

    /** {plays settled, micro-dollars earned} for one track. */
    private long[] settleTrack(Handle h, String settlementId, String trackId, long cutoff) {
        int plays = playRecords.settle(h, settlementId, trackId, cutoff);
        if (plays == 0) {
            return new long[] {0, 0};
        }
        long earned = Math.multiplyExact(plays, perPlayMicros);
        if (earned == 0) {
            return new long[] {plays, 0};
        }
        Track track = catalog.trackEvenIfDeleted(h, trackId).orElseThrow();
        Optional<Offering> offering = offerings.find(h, trackId);
        int share = offering.map(Offering::holderShareBp).orElse(0);
        long supply = offering.map(Offering::supply).orElse(0L);
        Map<String, Long> holdings = this.holdings.holdersOf(h, trackId);
        Split split = RoyaltyRules.plays(earned, share, supply, holdings);
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(Accounts.STREAMING, -earned));
        if (split.platform() > 0) {
            postings.add(new Posting(Accounts.PLATFORM, split.platform()));
        }
        if (split.artist() > 0) {
            postings.add(new Posting(Accounts.artist(track.artistId()), split.artist()));
        }
        split.holders().forEach((holder, part) -> postings.add(new Posting(Accounts.earnings(holder), part)));
        String memo = plays + (plays == 1 ? " play" : " plays") + " of \"" + track.title() + "\" at "
                + perPlayMicros + " micro-dollars = " + Money.ofMicros(earned).format() + ": 10% platform, "
                + (share == 0 ? "the rest to the artist" : share / 100.0 + "% of the artist's 90% to "
                + "holders by tokens held of " + supply + ", the rest to the artist");
        LedgerTransaction tx = ledger.append(h, "settlement", memo.length() > 400 ? memo.substring(0, 400) : memo,
                postings);
        ledger.refer(h, tx, trackId, settlementId);
        return new long[] {plays, earned};
    }
}
