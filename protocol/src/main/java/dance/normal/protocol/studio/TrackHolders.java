package dance.normal.protocol.studio;

import java.util.List;

/**
 * Who holds a track's tokens ({@code GET /api/v1/studio/tracks/{id}/holders}). Holders are named by a pseudonym
 * only ("Listener 3f2a91c0"): an artist never sees a listener's email.
 */
public record TrackHolders(String trackId, long supply, long sold, int holderShareBp, List<Holder> holders) {

    public TrackHolders {
        holders = List.copyOf(holders);
    }

    /** One holder: tokens held and what they earned from this track. */
    public record Holder(String name, long quantity, long earnedMicros) {
    }
}
