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
import dance.normal.sync.studio.StudioClient;
import dance.normal.sync.studio.StudioMoneyClient;

/**
 * The Studio's money routes through sync's {@link StudioMoneyClient} (the artist's tracks through
 * {@link StudioClient}); withdrawals through the {@link WalletService}, which alone signs (one path for every signature
 * of this device's wallet).
 */
final class LiveStudioMoneyService implements StudioMoneyService {

    private final StudioMoneyClient client;
    private final StudioClient catalog;
    private final WalletService wallet;

    LiveStudioMoneyService(StudioMoneyClient client, StudioClient catalog, WalletService wallet) {
        this.client = client;
        this.catalog = catalog;
        this.wallet = wallet;
    }

    @Override
    public StudioTracks tracks() {
        OffFxThread.require("Reading the Studio's tracks");
        return catalog.tracks();
    }

    @Override
    public OfferingPreview preview(OfferingPreviewRequest request) {
        OffFxThread.require("Previewing an offering");
        return client.preview(request);
    }

    @Override
    public Offering open(OfferingRequest request) {
        OffFxThread.require("Opening an offering");
        return client.open(request);
    }

    @Override
    public StudioEarnings earnings(int days) {
        OffFxThread.require("Reading earnings");
        return client.earnings(days);
    }

    @Override
    public PlayReasons playReasons() {
        OffFxThread.require("Reading plays not counted");
        return client.playReasons();
    }

    @Override
    public TrackHolders holders(String trackId) {
        OffFxThread.require("Reading holders");
        return client.holders(trackId);
    }

    @Override
    public byte[] statementCsv() {
        OffFxThread.require("Reading the statement");
        return client.statementCsv();
    }

    @Override
    public String withdrawalText(long amountMicros, String key) {
        return wallet.withdrawalText(amountMicros, key);
    }

    @Override
    public Withdrawal withdraw(long amountMicros, String key) {
        return wallet.withdrawArtistEarnings(amountMicros, key);
    }
}
