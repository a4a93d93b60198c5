package dance.normal.server.royalty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How money is split, in integers only; no micro-dollar is created or lost. The stated rules for remainders:
 * <ul>
 *   <li>Artist side and platform fee: the artist side is 90% of the amount rounded <em>down</em>; the platform fee
 *       is the rest, so the platform takes the 90/10 split's remainder.</li>
 *   <li>Holders' pool: the offering's holder share (0-50%, in basis points) of the artist side, rounded down; the
 *       artist keeps the rest of the artist side.</li>
 *   <li>Each holder: the pool times their tokens divided by the offering's supply, rounded down. The part of the
 *       pool that belongs to unsold tokens (still in the track's treasury) and every rounding remainder of this
 *       step go to the artist.</li>
 * </ul>
 */
public final class RoyaltyRules {

    /** What one qualified play earns a track, by default: $0.004. */
    public static final long DEFAULT_PER_PLAY_MICROS = 4_000;
    /** The artist side: 90%. */
    public static final int ARTIST_SIDE_BP = 9_000;
    /** The most of the artist side an offering may give to holders: 50%. */
    public static final int MAX_HOLDER_SHARE_BP = 5_000;
    private static final int ALL_BP = 10_000;

    private RoyaltyRules() {
    }

    /**
     * Splits a primary sale: 90% to the artist (rounded down), the rest to the platform.
     *
     * @param total what the buyer paid, in micro-dollars
     */
    public static Split sale(long total) {
        requireNotNegative(total);
        long artist = artistSide(total);
        return new Split(total, total - artist, artist, Map.of());
    }

    /**
     * Splits what a track earned from plays in a settlement.
     *
     * @param earned        the track's earnings, in micro-dollars (plays times the per-play amount)
     * @param holderShareBp the offering's holder share in basis points (0 to 5,000); 0 when it has no offering
     * @param supply        the offering's supply in whole tokens (0 when it has no offering)
     * @param holdings      tokens held by each holder at settlement (the treasury excluded)
     */
    public static Split plays(long earned, int holderShareBp, long supply, Map<String, Long> holdings) {
        requireNotNegative(earned);
        if (holderShareBp < 0 || holderShareBp > MAX_HOLDER_SHARE_BP) {
            throw new IllegalArgumentException("holder share must be 0 to " + MAX_HOLDER_SHARE_BP + " bp");
        }
        long held = 0;
        for (long tokens : holdings.values()) {
            requireNotNegative(tokens);
            held = Math.addExact(held, tokens);
        }
        if (held > supply) {
            throw new IllegalArgumentException("holders hold " + held + " tokens of a supply of " + supply);
        }
        long artistSide = artistSide(earned);
        long platform = earned - artistSide;
        long pool = supply == 0 ? 0 : Math.multiplyExact(artistSide, (long) holderShareBp) / ALL_BP;
        Map<String, Long> parts = new LinkedHashMap<>();
        long paid = 0;
        // Sorted, so the same holdings always give the same split in the same order.
        for (Map.Entry<String, Long> h : new TreeMap<>(holdings).entrySet()) {
            long part = Math.multiplyExact(pool, h.getValue()) / supply;
            if (part > 0) {
                parts.put(h.getKey(), part);
                paid += part;
            }
        }
        return new Split(earned, platform, artistSide - paid, parts);
    }

    private static long artistSide(long amount) {
        return Math.multiplyExact(amount, (long) ARTIST_SIDE_BP) / ALL_BP;
    }

    private static void requireNotNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative: " + value);
        }
    }
}
