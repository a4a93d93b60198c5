package dance.normal.protocol.plays;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One play as the client saw it; {@code id} is made by the client so a replay is recognised. {@code playedMs} is
 * boxed so that a play sent without it is refused rather than read as 0 ms.
 *
 * <p>An online play needs only the first four fields: the server pays it from its own record of what it streamed
 * to the account. A play of a downloaded file is a receipt: {@code deviceId} names the registered device that
 * played it, {@code counter} is that device's next receipt number (never used twice), and {@code signature} is the
 * device key's base58 Ed25519 signature of {@link PlayReceipts#message} (decision 0024). Old clients send none of
 * the three, and nulls are left out of the JSON.
 *
 * @param deviceId  the device that played it, or null
 * @param counter   the device's receipt counter, or null for an online play
 * @param signature the receipt's signature, or null for an online play
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlayEvent(UUID id, String trackId, Instant startedAt, Long playedMs, String deviceId, Long counter,
                        String signature) {

    /** An online play. */
    public PlayEvent(UUID id, String trackId, Instant startedAt, Long playedMs) {
        this(id, trackId, startedAt, playedMs, null, null, null);
    }

    /** Whether this play carries a device's signed receipt. */
    public boolean carriesReceipt() {
        return signature != null;
    }

    /** This play as a receipt of {@code device} numbered {@code n}, signed with {@code sig}. */
    public PlayEvent signed(String device, long n, String sig) {
        return new PlayEvent(id, trackId, startedAt, playedMs, device, n, sig);
    }
}
