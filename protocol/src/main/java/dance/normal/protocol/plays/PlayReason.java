package dance.normal.protocol.plays;

/**
 * Why a recorded play was paid, or was not. Every play is kept with one of these; the artist sees the counts per
 * reason for their tracks. The rules are in decision 0024.
 */
public enum PlayReason {
    /** Paid: enough was played, with evidence, in time that no other paid play of the device claims. */
    QUALIFIED,
    /** Shorter than 30 s and than half the track. */
    TOO_SHORT,
    /** The server never streamed this track to this account (and no receipt was sent). */
    NO_STREAM,
    /** A stream exists, but it served too few bytes, began too late for the time claimed, or already paid. */
    STREAM_TOO_SHORT,
    /** The play claims time that is not over yet, or before the track was downloaded. */
    NOT_IN_TIME,
    /** The device already has paid plays in that time (one device plays one track at a time). */
    OVERLAP,
    /** This account's plays of this track that day already reached {@code PlayRules.DAILY_CAP}. */
    DAILY_CAP,
    /** The receipt's signature is not the device key's over the play, or the receipt is incomplete. */
    BAD_RECEIPT,
    /** The play names a device that is not this account's. */
    FOREIGN_DEVICE,
    /** The device was never granted this track for offline play. */
    NO_GRANT,
    /** The device's receipt counter was used before. */
    COUNTER_USED,
    /** Recorded before plays needed evidence, and not settled by then. */
    LEGACY,
    /** The track was a draft, which only its artist plays (the Studio's preview): drafts earn nothing. */
    DRAFT
}
