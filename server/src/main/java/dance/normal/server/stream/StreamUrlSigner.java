package dance.normal.server.stream;

import dance.normal.protocol.ProblemType;
import dance.normal.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived stream URLs that players fetch without headers: {@code ?exp=EPOCH_SECONDS&acct=ID&sig=HMAC}. The
 * HMAC covers track, expiry and account, so a URL cannot be moved to another track or extended.
 */
public final class StreamUrlSigner {

    public static final Duration TTL = Duration.ofHours(1);

    private final SecretKeySpec key;
    private final Clock clock;

    public StreamUrlSigner(byte[] keyBytes, Clock clock) {
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
        this.clock = clock;
    }

    public record Signed(String query, Instant expiresAt) {
    }

    public Signed sign(String trackId, String accountId) {
        Instant exp = clock.instant().plus(TTL);
        long expSeconds = exp.getEpochSecond();
        return new Signed("exp=" + expSeconds + "&acct=" + accountId + "&sig=" + mac(trackId, expSeconds, accountId),
                Instant.ofEpochSecond(expSeconds));
    }

    /** Checks a signed URL's parameters; returns the account it was made for. */
    public String verify(String trackId, String exp, String accountId, String sig) {
        long expSeconds;
        try {
            expSeconds = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            throw ApiException.unauthenticated("This stream link is not valid.");
        }
        if (accountId == null || sig == null) {
            throw ApiException.unauthenticated("This stream link is not valid.");
        }
        byte[] expected = mac(trackId, expSeconds, accountId).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            throw ApiException.unauthenticated("This stream link is not valid.");
        }
        if (clock.instant().getEpochSecond() >= expSeconds) {
            throw new ApiException(ProblemType.LINK_EXPIRED, 403, "This stream link has expired; ask for a new one.");
        }
        return accountId;
    }

    private String mac(String trackId, long expSeconds, String accountId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal(("stream\n" + trackId + "\n" + expSeconds + "\n" + accountId)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
