package dance.normal.server.tokens;

import dance.normal.protocol.Money;
import dance.normal.protocol.tokens.Settlement;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.ledger.LedgerTransaction;
import dance.normal.server.ledger.Posting;
import dance.normal.server.royalty.RoyaltyRules;
import dance.normal.server.royalty.Split;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final Clock clock;
    private final long perPlayMicros;

    public SettlementService(Jdbi jdbi, Ledger ledger, Clock clock, long perPlayMicros) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.clock = clock;
        this.perPlayMicros = perPlayMicros;
    }

    /** Settles every unsettled qualified play received up to now. */
    public Settlement settle() {
        return settle(clock.instant());
    }

    public Settlement settle(Instant cutoff) {
        String id = UUID.randomUUID().toString();
        List<String> tracks = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT track_id FROM plays "
                        + "WHERE qualified = TRUE AND settlement_id IS NULL AND received_at <= :cutoff "
                        + "ORDER BY track_id")
                .bind("cutoff", cutoff.toEpochMilli()).mapTo(String.class).list());
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
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO settlements (id, cutoff, plays, total_micros, created_at) "
                        + "VALUES (:id, :cutoff, :plays, :total, :now)").bind("id", id)
                .bind("cutoff", cutoff.toEpochMilli()).bind("plays", p).bind("total", t).bind("now", clock.millis())
                .execute());
        return new Settlement(id, plays, paidTracks, total, cutoff);
    }

    /** {plays settled, micro-dollars earned} for one track. */
    private long[] settleTrack(Handle h, String settlementId, String trackId, long cutoff) {
        int plays = h.createUpdate("UPDATE plays SET settlement_id = :s WHERE track_id = :t AND qualified = TRUE "
                        + "AND settlement_id IS NULL AND received_at <= :cutoff")
                .bind("s", settlementId).bind("t", trackId).bind("cutoff", cutoff).execute();
        if (plays == 0) {
            return new long[] {0, 0};
        }
        long earned = Math.multiplyExact(plays, perPlayMicros);
        if (earned == 0) {
            return new long[] {plays, 0};
        }
        Map<String, Object> track = h.createQuery("SELECT t.title AS title, t.artist_id AS artist_id, "
                        + "o.holder_share_bp AS share, o.supply AS supply FROM tracks t "
                        + "LEFT JOIN offerings o ON o.track_id = t.id WHERE t.id = :t")
                .bind("t", trackId).mapToMap().one();
        int share = track.get("share") == null ? 0 : ((Number) track.get("share")).intValue();
        long supply = track.get("supply") == null ? 0 : ((Number) track.get("supply")).longValue();
        Map<String, Long> holdings = new LinkedHashMap<>();
        h.createQuery("SELECT holder, quantity FROM token_holdings WHERE track_id = :t AND holder <> :treasury "
                        + "AND quantity > 0")
                .bind("t", trackId).bind("treasury", OfferingService.TREASURY)
                .map((rs, ctx) -> Map.entry(rs.getString("holder"), rs.getLong("quantity")))
                .forEach(e -> holdings.put(e.getKey(), e.getValue()));
        Split split = RoyaltyRules.plays(earned, share, supply, holdings);
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(Accounts.STREAMING, -earned));
        if (split.platform() > 0) {
            postings.add(new Posting(Accounts.PLATFORM, split.platform()));
        }
        if (split.artist() > 0) {
            postings.add(new Posting(Accounts.artist((String) track.get("artist_id")), split.artist()));
        }
        split.holders().forEach((holder, part) -> postings.add(new Posting(Accounts.earnings(holder), part)));
        String memo = plays + (plays == 1 ? " play" : " plays") + " of \"" + track.get("title") + "\" at "
                + perPlayMicros + " micro-dollars = " + Money.ofMicros(earned).format() + ": 10% platform, "
                + (share == 0 ? "the rest to the artist" : share / 100.0 + "% of the artist's 90% to "
                + "holders by tokens held of " + supply + ", the rest to the artist");
        LedgerTransaction tx = ledger.append(h, "settlement", memo.length() > 400 ? memo.substring(0, 400) : memo,
                postings);
        h.createUpdate("INSERT INTO ledger_refs (tx_seq, track_id, ref_id) VALUES (:s, :t, :r)")
                .bind("s", tx.seq()).bind("t", trackId).bind("r", settlementId).execute();
        return new long[] {plays, earned};
    }
}
