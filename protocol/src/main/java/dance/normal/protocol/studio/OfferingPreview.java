package dance.normal.protocol.studio;

import java.util.List;

/**
 * What an offering would mean in money, computed by the server's own royalty rules (the code that settles).
 *
 * @param tokens                the fan's tokens (capped by the offering's cap)
 * @param fanPaysMicros         what the fan pays for them, fee included
 * @param feeMicros             the fee within that
 * @param artistFromSaleMicros  what the artist gets from that sale
 * @param platformFromSaleMicros what the platform keeps from it
 * @param plays                 for 1,000, 10,000 and 100,000 qualified plays, who earns what
 */
public record OfferingPreview(long tokens, long fanPaysMicros, long feeMicros, long artistFromSaleMicros,
                              long platformFromSaleMicros, List<PlaysPreview> plays) {

    public OfferingPreview {
        plays = List.copyOf(plays);
    }

    /**
     * The split of what a number of plays earns, with every token held.
     *
     * @param holdersMicros what all holders share
     * @param fanMicros     what the fan holding {@code tokens} gets of it
     */
    public record PlaysPreview(long plays, long earnedMicros, long platformMicros, long artistMicros,
                               long holdersMicros, long fanMicros) {
    }
}
