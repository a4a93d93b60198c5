package dance.normal.server.auth;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Access and refresh tokens over HTTP: every way a bearer token can be wrong, roles, refresh-token rotation with
 * reuse detection, and sign-out. Forged and expired tokens are minted here with the server's real key, read from
 * its database, so only the one property under test is wrong.
 */
class TokensIT {

    private static final String ME = "/api/v1/me";
    private static final String REFRESH = "/api/v1/auth/refresh";
    private static final String LOGOUT = "/api/v1/auth/logout";
    private static final String PASSWORD = "correct horse battery";

    private static TestServer server;
    private static byte[] accessKey;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.start();
        try (Connection c = DriverManager.getConnection(
                "jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db"));
             PreparedStatement s = c.prepareStatement("SELECT key_bytes FROM server_keys WHERE name = ?")) {
            s.setString(1, "access-token-hs256");
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("the server's access-token key is in its database").isTrue();
                accessKey = rs.getBytes(1);
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- bearer tokens

    @Test
    void missingTokenIsUnauthenticated() {
        HttpResponse<String> r = server.get(ME, null);

        assertProblem(r, 401, "unauthenticated");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer x", "Bearer ", "Bearer a.b.c", "Bearer ....", "Basic dXNlcjpwYXNzd29yZA==",
            "Token abc", "Bearer eyJhbGciOiJIUzI1NiJ9.e30", "Bearer \u00e9\u00e9\u00e9"})
    void malformedAuthorizationIsUnauthenticated(String header) {
        HttpResponse<String> r = server.send(server.request(ME).header("Authorization", header).GET().build());

        assertProblem(r, 401, "unauthenticated");
    }

    @Test
    void enormousAuthorizationHeaderIsUnauthenticated() {
        String header = "Bearer " + "a".repeat(5000);
        HttpResponse<String> r = server.send(server.request(ME).header("Authorization", header).GET().build());

        assertProblem(r, 401, "unauthenticated");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        String token = server.listenerToken();
        HttpResponse<String> r = server.send(server.request(ME).header("Authorization", "bearer " + token)
                .GET().build());

        assertThat(r.statusCode()).as("RFC 9110: the auth scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void tokenWithAChangedSignatureIsRejected() {
        String token = server.listenerToken();
        int dot = token.lastIndexOf('.');
        String signature = token.substring(dot + 1);
        char flipped = signature.charAt(5) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, dot + 1) + signature.substring(0, 5) + flipped + signature.substring(6);

        assertProblem(server.get(ME, forged), 401, "unauthenticated");
    }

    @Test
    void tokenWithAChangedPayloadIsRejected() throws Exception {
        JsonNode pair = server.signup("listener");
        String[] parts = pair.path("accessToken").asText().split("\\.");
        JsonNode claims = TestServer.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        String upgraded = TestServer.JSON.writeValueAsString(
                ((ObjectNode) claims).put("role", "artist"));
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                upgraded.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertProblem(server.get(ME, forged), 401, "unauthenticated");
        assertProblem(uploadAttempt(forged), 401, "unauthenticated");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        JsonNode me = server.signup("artist").path("me");
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);

        String forged = mint(otherKey, JWSAlgorithm.HS256, claimsFor(me, Duration.ofMinutes(10), b -> b));

        assertProblem(server.get(ME, forged), 401, "unauthenticated");
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        JsonNode me = server.signup("listener").path("me");
        String none = new PlainJWT(claimsFor(me, Duration.ofMinutes(10), b -> b)).serialize();

        assertThat(none).endsWith(".");
        assertProblem(server.get(ME, none), 401, "unauthenticated");
    }

    @Test
    void tokenSignedWithTheRightKeyButAnotherAlgorithmIsRejected() throws Exception {
        JsonNode me = server.signup("listener").path("me");
        byte[] longKey = new byte[64];
        System.arraycopy(accessKey, 0, longKey, 0, accessKey.length);
        String hs512 = mint(longKey, JWSAlgorithm.HS512, claimsFor(me, Duration.ofMinutes(10), b -> b));

        assertProblem(server.get(ME, hs512), 401, "unauthenticated");
    }

    @Test
    void correctlySignedTokenIsAcceptedSoTheForgeriesAboveFailForTheirOneFault() throws Exception {
        JsonNode pair = server.signup("listener");
        String sid = sessionOf(pair.path("accessToken").asText());
        String token = mint(accessKey, JWSAlgorithm.HS256,
                claimsFor(pair.path("me"), Duration.ofMinutes(10), b -> b.claim("sid", sid)));

        assertThat(server.get(ME, token).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokenIsRejectedAsExpired() throws Exception {
        JsonNode pair = server.signup("listener");
        String sid = sessionOf(pair.path("accessToken").asText());
        String expired = mint(accessKey, JWSAlgorithm.HS256,
                claimsFor(pair.path("me"), Duration.ofMinutes(-1), b -> b.claim("sid", sid)));

        HttpResponse<String> r = server.get(ME, expired);

        JsonNode problem = assertProblem(r, 401, "token-expired");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("expired");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() throws Exception {
        JsonNode pair = server.signup("listener");
        String sid = sessionOf(pair.path("accessToken").asText());
        String foreign = mint(accessKey, JWSAlgorithm.HS256, claimsFor(pair.path("me"), Duration.ofMinutes(10),
                b -> b.claim("sid", sid).issuer("someone-else")));

        assertProblem(server.get(ME, foreign), 401, "unauthenticated");
    }

    @Test
    void tokenForASessionThatNeverExistedIsRejected() throws Exception {
        JsonNode me = server.signup("listener").path("me");
        String token = mint(accessKey, JWSAlgorithm.HS256, claimsFor(me, Duration.ofMinutes(10),
                b -> b.claim("sid", UUID.randomUUID().toString())));

        assertProblem(server.get(ME, token), 401, "unauthenticated");
    }

    @Test
    void tokenWithoutAnExpiryIsRejected() throws Exception {
        JsonNode pair = server.signup("listener");
        String sid = sessionOf(pair.path("accessToken").asText());
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder(claimsFor(pair.path("me"), Duration.ofMinutes(10),
                b -> b.claim("sid", sid))).expirationTime(null).build();

        assertProblem(server.get(ME, mint(accessKey, JWSAlgorithm.HS256, noExpiry)), 401, "unauthenticated");
    }

    @Test
    void accessTokensLiveFifteenMinutesAtMost() throws Exception {
        JsonNode pair = server.signup("listener");
        JWTClaimsSet claims = SignedJWT.parse(pair.path("accessToken").asText()).getJWTClaimsSet();

        Duration life = Duration.between(Instant.now(), claims.getExpirationTime().toInstant());
        assertThat(life).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(pair.path("expiresIn").asLong()).isLessThanOrEqualTo(15 * 60);
    }

    // ---- roles

    @Test
    void listenerCannotUploadATrack() {
        HttpResponse<String> r = uploadAttempt(server.listenerToken());

        assertProblem(r, 403, "forbidden");
    }

    @Test
    void listenerCannotEditAnArtistProfile() {
        HttpResponse<String> r = server.send(server.request("/api/v1/me/artist")
                .header("Authorization", "Bearer " + server.listenerToken())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Not An Artist\"}"))
                .build());

        assertProblem(r, 403, "forbidden");
    }

    @Test
    void listenerCannotSetAnArtistPicture() {
        HttpResponse<String> r = server.send(server.request("/api/v1/me/artist/picture")
                .header("Authorization", "Bearer " + server.listenerToken())
                .header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .build());

        assertProblem(r, 403, "forbidden");
    }

    @Test
    void listenerCannotDeleteATrack() {
        HttpResponse<String> r = server.send(server.request("/api/v1/tracks/" + UUID.randomUUID())
                .header("Authorization", "Bearer " + server.listenerToken())
                .DELETE().build());

        assertProblem(r, 403, "forbidden");
    }

    @Test
    void artistRoutesWithoutATokenAreUnauthenticatedNotForbidden() {
        assertProblem(uploadAttempt(null), 401, "unauthenticated");
    }

    // ---- refresh tokens

    @Test
    void refreshRotatesTheTokenAndSpendsTheOldOne() {
        JsonNode first = server.signup("listener");

        HttpResponse<String> r = refresh(first.path("refreshToken").asText());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode second = TestServer.json(r);
        assertThat(second.path("refreshToken").asText()).isNotBlank()
                .isNotEqualTo(first.path("refreshToken").asText());
        assertThat(second.path("accessToken").asText()).isNotEqualTo(first.path("accessToken").asText());
        assertThat(second.path("me").path("id").asText()).isEqualTo(first.path("me").path("id").asText());
        assertThat(server.get(ME, second.path("accessToken").asText()).statusCode()).isEqualTo(200);

        HttpResponse<String> third = refresh(second.path("refreshToken").asText());
        assertThat(third.statusCode()).as("the new refresh token works").isEqualTo(200);
    }

    @Test
    void reusedRefreshTokenRevokesTheWholeFamily() {
        JsonNode first = server.signup("listener");
        String spent = first.path("refreshToken").asText();
        JsonNode second = TestServer.json(refresh(spent));
        JsonNode third = TestServer.json(refresh(second.path("refreshToken").asText()));
        assertThat(server.get(ME, third.path("accessToken").asText()).statusCode()).isEqualTo(200);

        HttpResponse<String> reuse = refresh(spent);

        JsonNode problem = assertProblem(reuse, 401, "refresh-token-reused");
        assertThat(problem.path("detail").asText()).containsIgnoringCase("sign in again");
        assertProblem(refresh(third.path("refreshToken").asText()), 401, "unauthenticated");
        assertProblem(server.get(ME, third.path("accessToken").asText()), 401, "unauthenticated");
        assertProblem(server.get(ME, first.path("accessToken").asText()), 401, "unauthenticated");
    }

    @Test
    void reuseRevokesOnlyThatFamilyNotTheAccountsOtherSessions() {
        JsonNode first = server.signup("listener");
        JsonNode other = login(first.path("me").path("email").asText());
        String spent = first.path("refreshToken").asText();
        JsonNode second = TestServer.json(refresh(spent));
        // Used, so presenting the spent token again cannot be a retry after a lost answer (see RefreshGraceIT).
        assertThat(server.get(ME, second.path("accessToken").asText()).statusCode()).isEqualTo(200);

        assertProblem(refresh(spent), 401, "refresh-token-reused");

        assertThat(server.get(ME, other.path("accessToken").asText()).statusCode()).isEqualTo(200);
        assertThat(refresh(other.path("refreshToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRefreshTokenIsUnauthenticated() {
        assertProblem(refresh("not-a-token-this-server-gave-out"), 401, "unauthenticated");
        assertProblem(refresh("' OR 1=1 --"), 401, "unauthenticated");
    }

    @Test
    void missingRefreshTokenIsAValidationError() {
        assertProblem(server.postJson(REFRESH, null, "{}"), 422, "validation");
        assertProblem(server.postJson(REFRESH, null, Map.of("refreshToken", "  ")), 422, "validation");
    }

    @Test
    void accessTokenIsNotARefreshToken() {
        JsonNode pair = server.signup("listener");

        assertProblem(refresh(pair.path("accessToken").asText()), 401, "unauthenticated");
    }

    // ---- sign-out

    @Test
    void logoutEndsThatSessionOnly() {
        JsonNode here = server.signup("listener");
        JsonNode elsewhere = login(here.path("me").path("email").asText());
        String access = here.path("accessToken").asText();

        HttpResponse<String> r = server.send(server.request(LOGOUT)
                .header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"refreshToken\":\"" + here.path("refreshToken").asText() + "\"}"))
                .build());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertProblem(server.get(ME, access), 401, "unauthenticated");
        assertProblem(refresh(here.path("refreshToken").asText()), 401, "unauthenticated");
        assertThat(server.get(ME, elsewhere.path("accessToken").asText()).statusCode()).isEqualTo(200);
        assertThat(refresh(elsewhere.path("refreshToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void logoutWithoutABodyEndsTheSessionOfTheAccessToken() {
        JsonNode pair = server.signup("listener");
        String access = pair.path("accessToken").asText();

        HttpResponse<String> r = server.send(server.request(LOGOUT).header("Authorization", "Bearer " + access)
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertProblem(server.get(ME, access), 401, "unauthenticated");
        assertProblem(refresh(pair.path("refreshToken").asText()), 401, "unauthenticated");
    }

    @Test
    void logoutTwiceIsHarmlessButTheSecondNeedsALiveToken() {
        JsonNode pair = server.signup("listener");
        String access = pair.path("accessToken").asText();
        HttpRequest logout = server.request(LOGOUT).header("Authorization", "Bearer " + access)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(server.send(logout).statusCode()).isEqualTo(204);

        assertProblem(server.send(logout), 401, "unauthenticated");
    }

    @Test
    void logoutWithTheRefreshTokenAloneEndsTheSession() {
        JsonNode pair = server.signup("listener");

        HttpResponse<String> r = server.postJson(LOGOUT, null, Map.of("refreshToken",
                pair.path("refreshToken").asText()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertProblem(refresh(pair.path("refreshToken").asText()), 401, "unauthenticated");
        assertProblem(server.get(ME, pair.path("accessToken").asText()), 401, "unauthenticated");
    }

    @Test
    void logoutWithADeadAccessTokenStillEndsTheSessionOfTheRefreshToken() {
        JsonNode pair = server.signup("listener");
        JsonNode other = server.signup("listener");
        server.postJson(LOGOUT, null, Map.of("refreshToken", other.path("refreshToken").asText()));

        for (String dead : new String[] {"not-a-jwt", other.path("accessToken").asText()}) {
            JsonNode fresh = login(pair.path("me").path("email").asText());
            HttpResponse<String> r = server.send(server.request(LOGOUT)
                    .header("Authorization", "Bearer " + dead)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"refreshToken\":\"" + fresh.path("refreshToken").asText() + "\"}"))
                    .build());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
            assertProblem(refresh(fresh.path("refreshToken").asText()), 401, "unauthenticated");
        }
    }

    @Test
    void logoutWithAnUnknownRefreshTokenIsHarmless() {
        JsonNode pair = server.signup("listener");

        HttpResponse<String> r = server.postJson(LOGOUT, null, Map.of("refreshToken", "no-such-token"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(refresh(pair.path("refreshToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void logoutWithoutATokenIsUnauthenticated() {
        HttpResponse<String> r = server.send(server.request(LOGOUT).POST(HttpRequest.BodyPublishers.noBody())
                .build());

        assertProblem(r, 401, "unauthenticated");
    }

    // ---- helpers

    private static HttpResponse<String> refresh(String refreshToken) {
        return server.postJson(REFRESH, null, Map.of("refreshToken", refreshToken));
    }

    private static JsonNode login(String email) {
        HttpResponse<String> r = server.postJson("/api/v1/auth/login", null,
                Map.of("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    private static HttpResponse<String> uploadAttempt(String token) {
        Fixtures.Multipart body = Fixtures.Multipart.of(Map.of("title", "Not Mine", "file", new byte[] {1, 2, 3}));
        HttpRequest.Builder b = server.request("/api/v1/tracks").header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.body()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }

    private static String sessionOf(String accessToken) throws ParseException {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    private static JWTClaimsSet claimsFor(JsonNode me, Duration expiresIn,
                                          UnaryOperator<JWTClaimsSet.Builder> adjust) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer("normal-dance")
                .subject(me.path("id").asText())
                .claim("role", me.path("role").asText())
                .claim("sid", UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(now.plus(expiresIn)));
        return adjust.apply(b).build();
    }

    private static String mint(byte[] key, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
