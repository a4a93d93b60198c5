package dance.normal.server;

import dance.normal.server.http.TrustedProxies;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions, sign-in limits and keys.
 *
 * @param trustedProxies   addresses (CIDR) of reverse proxies whose X-Forwarded-For is believed; none by default,
 *                         so a client cannot choose the address its attempts are counted under
 * @param signupsPerHour   new accounts one address may make per hour (0: no limit)
 * @param maxHashing       password hashes (Argon2id, 19 MiB each) computed at once; more wait briefly, then 503
 * @param rotateKeys       make new token and stream-URL signing keys at start (old ones verify until their tokens
 *                         expire)
 */
public record AuthConfig(TrustedProxies trustedProxies, int signupsPerHour, int maxHashing, boolean rotateKeys) {

    public static final int DEFAULT_SIGNUPS_PER_HOUR = 20;

    public static AuthConfig defaults() {
        return new AuthConfig(TrustedProxies.NONE, DEFAULT_SIGNUPS_PER_HOUR,
                Math.max(2, Runtime.getRuntime().availableProcessors()), false);
    }

    /** Adds one trusted proxy range ({@code --trusted-proxy}, repeatable). */
    public AuthConfig withTrustedProxy(String cidr) {
        List<String> all = new ArrayList<>(trustedProxies.specs());
        all.add(cidr);
        return new AuthConfig(TrustedProxies.parse(all), signupsPerHour, maxHashing, rotateKeys);
    }

    public AuthConfig withSignupsPerHour(int perHour) {
        return new AuthConfig(trustedProxies, perHour, maxHashing, rotateKeys);
    }

    public AuthConfig withMaxHashing(int max) {
        return new AuthConfig(trustedProxies, signupsPerHour, max, rotateKeys);
    }

    public AuthConfig withRotateKeys(boolean rotate) {
        return new AuthConfig(trustedProxies, signupsPerHour, maxHashing, rotate);
    }
}
