package dance.normal.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.Role;
import dance.normal.server.http.ApiException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens: HS256 JWTs that live {@link #ACCESS_TTL}, naming the account, its role and its session. The header's
 * {@code kid} names the key (see {@link KeyRing}), so keys can be rotated while tokens signed before still verify.
 */
public final class TokenService {

    public static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    private static final String ISSUER = "normal-dance";

    /** The name of the access-token keys in the database, and the kid of the first one. */
    public static final String KEYS = "access-token-hs256";

    private final KeyRing keys;
    private final Clock clock;

    /** With one key (its kid is {@link #KEYS}): what tests use to mint tokens with the server's first key. */
    public TokenService(byte[] key, Clock clock) {
        this(KeyRing.of(KEYS, key), clock);
    }

    public TokenService(KeyRing keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A verified access token: who, and the generation of the session's refresh token it was issued with. */
    public record Verified(Principal principal, long generation) {
    }

    public String issue(String accountId, Role role, String sessionId) {
        return issue(accountId, role, sessionId, 0);
    }

    /** @param generation the session's refresh generation this token comes with (see {@link AuthService}) */
    public String issue(String accountId, Role role, String sessionId, long generation) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(accountId)
                .claim("role", role.wire())
                .claim("sid", sessionId)
                .claim("gen", generation)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ACCESS_TTL)))
                .build();
        KeyRing.Key key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(), claims);
        try {
            jwt.sign(new MACSigner(key.bytes()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing an access token failed", e);
        }
        return jwt.serialize();
    }

    /** Verifies signature, algorithm, issuer and expiry; a token that fails any of them is refused with 401. */
    public Principal verify(String token) {
        return verifyToken(token).principal();
    }

    /** As {@link #verify}, with the token's generation (0 for tokens that carry none). */
    public Verified verifyToken(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            KeyRing.Key key = keys.find(jwt.getHeader().getKeyID()).orElse(null);
            if (key == null || !JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(key.bytes()))) {
                throw ApiException.unauthenticated("The access token is not valid. Sign in again.");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw ApiException.unauthenticated("The access token is not valid. Sign in again.");
        }
        Date exp = claims.getExpirationTime();
        if (!ISSUER.equals(claims.getIssuer()) || exp == null || claims.getSubject() == null) {
            throw ApiException.unauthenticated("The access token is not valid. Sign in again.");
        }
        if (!clock.instant().isBefore(exp.toInstant())) {
            throw new ApiException(ProblemType.TOKEN_EXPIRED, 401,
                    "The access token has expired. Refresh it or sign in again.",
                    Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
        try {
            Long generation = claims.getLongClaim("gen");
            return new Verified(new Principal(claims.getSubject(), Role.fromWire(claims.getStringClaim("role")),
                    claims.getStringClaim("sid")), generation == null ? 0 : generation);
        } catch (ParseException | IllegalArgumentException e) {
            throw ApiException.unauthenticated("The access token is not valid. Sign in again.");
        }
    }
}
