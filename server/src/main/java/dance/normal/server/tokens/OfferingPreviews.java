package dance.normal.server.tokens;

import dance.normal.protocol.studio.OfferingPreview;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.server.http.ApiException;
import dance.normal.server.royalty.RoyaltyRules;
import dance.normal.server.royalty.Split;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an offering would mean in money, before it opens, by the code that really charges and settles: the limits are
 * {@link OfferingService#validate}'s, the fan's price and its split are the quote's ({@link QuoteService#sale}), and
 * plays are split by {@link RoyaltyRules#plays} at the server's per-play amount, as settlement splits them. Nothing
 * is written.
 */
public final class OfferingPreviews {

    /** The numbers of plays a preview shows. */
    public static final List<Long> PLAYS = List.of(1_000L, 10_000L, 100_000L);
    private static final String FAN = "fan";
    private static final String OTHERS = "others";

    private final long perPlayMicros;

    public OfferingPreviews(long perPlayMicros) {
        this.perPlayMicros = perPlayMicros;
    }

    public OfferingPreview preview(OfferingPreviewRequest r) {
        if (r == null) {
            throw ApiException.badRequest("Send the offering to preview as JSON.");
        }
        OfferingService.validate(r.supply(), r.priceMicros(), r.holderShareBp(), r.capPerBuyer());
        if (r.tokens() < 1) {
            throw ApiException.validation("tokens must be at least 1: how many tokens one fan buys.");
        }
        long tokens = Math.min(r.tokens(), r.capPerBuyer() == null ? r.supply() : r.capPerBuyer());
        Split sale = QuoteService.sale(tokens, r.priceMicros());
        // Every token held: the fan's, and the rest by others (the holders' pool is then paid out in full).
        Map<String, Long> holdings = new LinkedHashMap<>();
        holdings.put(FAN, tokens);
        if (r.supply() > tokens) {
            holdings.put(OTHERS, r.supply() - tokens);
        }
        List<OfferingPreview.PlaysPreview> plays = new ArrayList<>();
        for (long n : PLAYS) {
            long earned = Math.multiplyExact(n, perPlayMicros);
            Split split = RoyaltyRules.plays(earned, r.holderShareBp(), r.supply(), holdings);
            long holders = split.holders().values().stream().mapToLong(Long::longValue).sum();
            plays.add(new OfferingPreview.PlaysPreview(n, earned, split.platform(), split.artist(), holders,
                    split.holders().getOrDefault(FAN, 0L)));
        }
        return new OfferingPreview(tokens, sale.total(), sale.platform(), sale.artist(), sale.platform(), plays);
    }
}
