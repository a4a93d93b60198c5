package dance.normal.protocol.plays;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The canonical text a device signs for an offline play (decision 0024). The device signs it as a Solana off-chain
 * message (version 0, application domain {@link #applicationDomain()}, the device key as the only signer) so a
 * wallet shows it as text, and a receipt can never pass for a payment: purchases and withdrawals are signed under
 * another domain. Lines are separated by {@code \n}; numbers are decimal; the start is epoch milliseconds.
 *
 * <pre>
 * Normal Dance play receipt v1
 * play: 1b4e28ba-2fa1-11d2-883f-0016d3cca427
 * track: 6f1c...
 * device: 9a0d...
 * counter: 17
 * started: 1765090000000
 * played ms: 183000
 * </pre>
 */
public final class PlayReceipts {

    private static final String DOMAIN = "normal.dance/play-receipt/v1";

    private PlayReceipts() {
    }

    /** 32 bytes: the ASCII name of the receipt format, zero-padded. */
    public static byte[] applicationDomain() {
        return Arrays.copyOf(DOMAIN.getBytes(StandardCharsets.US_ASCII), 32);
    }

    /** The text of {@code play}'s receipt as {@code deviceId}'s number {@code counter}. */
    public static String message(PlayEvent play, String deviceId, long counter) {
        return "Normal Dance play receipt v1\nplay: " + play.id() + "\ntrack: " + play.trackId() + "\ndevice: "
                + deviceId + "\ncounter: " + counter + "\nstarted: " + play.startedAt().toEpochMilli()
                + "\nplayed ms: " + play.playedMs();
    }
}
