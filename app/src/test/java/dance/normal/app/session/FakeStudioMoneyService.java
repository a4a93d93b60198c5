package dance.normal.app.session;

import dance.normal.protocol.plays.PlayReasons;
import dance.normal.protocol.studio.OfferingPreview;
import dance.normal.protocol.studio.OfferingPreviewRequest;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.protocol.studio.StudioTracks;
import dance.normal.protocol.studio.TrackHolders;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.protocol.tokens.Withdrawal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The Studio's money in memory: answers what the test put in. Previews are answered by {@link #previewing} (a
 * function of the request, so a test sees which form was previewed) after {@link #previewGate} opens; a failure set
 * in {@link #previewFailure} answers instead.
 */
public final class FakeStudioMoneyService implements StudioMoneyService {

    public volatile String walletAddress = "ThisDeviceKey1111111111111111111111111111111";
    public volatile StudioTracks tracks = new StudioTracks(List.of());
    public volatile RuntimeException tracksFailure;
    /** The requests previewed, in order. */
    public final List<OfferingPreviewRequest> previewed = new CopyOnWriteArrayList<>();
    public final Gate previewGate = new Gate();
    /** Not the royalty rules: any answer that shows which request it was for. */
    public volatile Function<OfferingPreviewRequest, OfferingPreview> previewing = r -> new OfferingPreview(
            r.tokens(), r.priceMicros() * r.tokens(), 0, r.priceMicros() * r.tokens(), 0,
            List.of(new OfferingPreview.PlaysPreview(1_000, 4_000_000, 400_000, 3_600_000 - r.holderShareBp() * 360L,
                    r.holderShareBp() * 360L, 0)));
    public volatile RuntimeException previewFailure;
    public final List<OfferingRequest> opened = new CopyOnWriteArrayList<>();
    public volatile RuntimeException openFailure;
    public volatile StudioEarnings earnings = new StudioEarnings(0, 0, 0, List.of(), List.of());
    /** The periods earnings were read for, in order. */
    public final List<Integer> earningsDays = new CopyOnWriteArrayList<>();
    public volatile PlayReasons reasons = new PlayReasons(Map.of(), List.of());
    public final Map<String, TrackHolders> holders = new ConcurrentHashMap<>();
    public volatile byte[] csv = "day,kind,amount\n".getBytes(StandardCharsets.UTF_8);
    public final Gate statementGate = new Gate();
    /** Withdrawals made: amount and Idempotency-Key. */
    public final List<String> withdrawals = new CopyOnWriteArrayList<>();
    public volatile RuntimeException withdrawFailure;

    @Override
    public StudioTracks tracks() {
        if (tracksFailure != null) {
            throw tracksFailure;
        }
        return tracks;
    }

    @Override
    public OfferingPreview preview(OfferingPreviewRequest request) {
        previewed.add(request);
        previewGate.pass();
        if (previewFailure != null) {
            throw previewFailure;
        }
        return previewing.apply(request);
    }

    @Override
    public Offering open(OfferingRequest request) {
        if (openFailure != null) {
            throw openFailure;
        }
        opened.add(request);
        return new Offering(request.trackId(), "artist-1", request.supply(), request.priceMicros(),
                request.holderShareBp(), request.capPerBuyer(), 0, request.supply(), "ledger", null, "treasury",
                Instant.EPOCH);
    }

    @Override
    public StudioEarnings earnings(int days) {
        earningsDays.add(days);
        return earnings;
    }

    @Override
    public PlayReasons playReasons() {
        return reasons;
    }

    @Override
    public TrackHolders holders(String trackId) {
        TrackHolders h = holders.get(trackId);
        if (h == null) {
            throw new IllegalStateException("No such track");
        }
        return h;
    }

    @Override
    public byte[] statementCsv() {
        statementGate.pass();
        return csv.clone();
    }

    @Override
    public String withdrawalText(long amountMicros, String key) {
        return TokenMessages.withdrawal(key, amountMicros, walletAddress);
    }

    @Override
    public Withdrawal withdraw(long amountMicros, String key) {
        if (withdrawFailure != null) {
            throw withdrawFailure;
        }
        withdrawals.add(amountMicros + " " + key);
        return new Withdrawal("w-" + withdrawals.size(), "PAID", amountMicros, walletAddress, null, 0,
                Instant.EPOCH);
    }
}
