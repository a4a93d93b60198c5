package dance.normal.server.stream;

import dance.normal.protocol.ProblemType;
import dance.normal.server.auth.KeyRing;
import dance.normal.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived stream URLs that players fetch without headers:
 * {@code ?exp=EPOCH_SECONDS&acct=ID[&dev=DEVICE][&off=1]&sid=SESSION&sig=HMAC}. The HMAC covers track, expiry,
 * account, device, whether it is an offline download, and the stream session's id, so a URL cannot be moved to
 * another track, account or device, or extended. What a URL serves is recorded under its session (decision 0024).
 * The signature is {@code KID.HMAC}, naming the key (see {@link KeyRing}) so keys can be rotated; one without a kid
 * is by the first key.
 */
public final class StreamUrlSigner {

    public static final Duration TTL = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The name of the stream-URL keys in the database, and the kid of the first one. */
    public static final String KEYS = "stream-url-hs256";

    private final KeyRing keys;
    private final Clock clock;

    public StreamUrlSigner(byte[] keyBytes, Clock clock) {
        this(KeyRing.of(KEYS, keyBytes), clock);
    }

    public StreamUrlSigner(KeyRing keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public record Signed(String query, Instant expiresAt) {
    }

    /**
     * Who a verified URL was made for.
     *
     * @param accountId the listener's account
     * @param deviceId  their device, or null when the app did not say
     * @param offline   whether it downloads the track for offline play on that device
     * @param sessionId the stream session the bytes it serves are counted under
     */
    public record Viewer(String accountId, String deviceId, boolean offline, String sessionId) {
    }

    /** A URL to stream for {@code accountId}, on no named device. */
    public Signed sign(String trackId, String accountId) {
        return sign(trackId, accountId, null, false);
    }

    /** A URL for {@code accountId} on {@code deviceId} (or null), to stream or ({@code offline}) to download. */
    public Signed sign(String trackId, String accountId, String deviceId, boolean offline) {
        Instant exp = clock.instant().plus(TTL);
        long expSeconds = exp.getEpochSecond();
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String dev = deviceId == null ? "" : deviceId;
        String off = offline ? "1" : "0";
        KeyRing.Key key = keys.current();
        return new Signed("exp=" + expSeconds + "&acct=" + accountId + (deviceId == null ? "" : "&dev=" + deviceId)
                + (offline ? "&off=1" : "") + "&sid=" + sid + "&sig=" + key.kid() + "."
                + mac(key, trackId, expSeconds, accountId, dev, off, sid), Instant.ofEpochSecond(expSeconds));
    }

    /** Checks a signed URL's parameters; returns whom it was made for. */
    public Viewer verify(String trackId, String exp, String accountId, String deviceId, String offline, String sid,
                         String sig) {
        long expSeconds;
        try {
            expSeconds = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            throw ApiException.unauthenticated("This stream link is not valid.");
        }
        if (accountId == null || sig == null || sid == null) {
            throw ApiException.unauthenticated("This stream link is not valid.");
        }
        String dev = deviceId == null ? "" : deviceId;
        String off = "1".equals(offline) ? "1" : "0";
        int dot = sig.lastIndexOf('.');
        KeyRing.Key key = keys.find(dot < 0 ? null : sig.substring(0, dot)).orElse(null);
        if (key == null) {
            throw ApiException.unauthenticated("This stream link is not valid.");
        }
        byte[] expected = mac(key, trackId, expSeconds, accountId, dev, off, sid)
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiException.unauthenticated("This stream link is not valid.");
        }
        if (clock.instant().getEpochSecond() >= expSeconds) {
            throw new ApiException(ProblemType.LINK_EXPIRED, 403, "This stream link has expired; ask for a new one.");
        }
        return new Viewer(accountId, deviceId, off.equals("1"), "u-" + sid);
    }

    private static String mac(KeyRing.Key key, String trackId, long expSeconds, String accountId, String dev,
                              String off, String sid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] out = mac.doFinal(("stream\n" + trackId + "\n" + expSeconds + "\n" + accountId + "\n" + dev
                    + "\n" + off + "\n" + sid)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
