package dance.normal.app.session;

import dance.normal.protocol.plays.PlayReasons;
import dance.normal.protocol.studio.OfferingPreview;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackHolders;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.protocol.tokens.Withdrawal;

/**
 * The artist's money in the Studio: an offering's preview (the server's royalty rules, never a copy here) and
 * opening it, earnings by day and by track, the plays not counted, a track's holders, the statement, and
 * withdrawing earnings to this device's wallet (through the wallet, as every signature). Every method refuses the FX
 * thread.
 */
public interface StudioMoneyService {

    /** The artist's tracks, drafts and published, with whether each has an offering. */
    StudioTracks tracks();

    /** What the offering would mean in money, computed by the server. */
    OfferingPreview preview(OfferingPreviewRequest request);

    /** Opens the offering; the server checks every field and answers a problem naming what is wrong. */
    Offering open(OfferingRequest request);

    /** Earnings of the last {@code days} days by day (oldest first), and by track over all time. */
    StudioEarnings earnings(int days);

    /** The plays of the artist's tracks per reason: paid, or why not. */
    PlayReasons playReasons();

    /** Who holds the track's tokens, by pseudonym. */
    TrackHolders holders(String trackId);

    /** The statement as CSV, the bytes the server sent. */
    byte[] statementCsv();

    /** The exact words the wallet signs to withdraw {@code amountMicros} under {@code key}, to show before. */
    String withdrawalText(long amountMicros, String key);

    /** Signs those words with this device's wallet and withdraws; the same key again returns the first answer. */
    Withdrawal withdraw(long amountMicros, String key);
}
