package dance.normal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.Role;
import dance.normal.server.auth.TokenService;
import dance.normal.server.payments.StripeWebhook;
import dance.normal.server.stream.StreamUrlSigner;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Devices;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.Market;
import dance.normal.server.support.ProblemAssert;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.SoftwareSigner;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The auth matrix: every route the server registers ({@link NormalDanceServer#routes()}) is called by every kind of
 * caller, against real resources on a real server, and each answer is held to the access declared for that route in
 * {@link #RULES}. A route that is registered but not declared fails this test, so a new route cannot skip it.
 *
 * <p>The callers ({@link Caller}): no token; a listener; an artist; the admin token; another user of the same kind as
 * the route's rightful caller (for an owned resource: someone who does not own it); an access token that expired; a
 * forged one (the artist's claims signed with another key); one with {@code alg: none}; one whose session was signed
 * out. Routes reached by a signed stream URL or a Stripe signature get those cells too.
 *
 * <p>Every refusal must be {@code application/problem+json} with a sentence; a caller who is let in must not get
 * 401, 403 or a 5xx. Cells that change things work on throw-away resources made for that cell, so the order of cells
 * does not matter.
 */
class AuthMatrixIT {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");
    private static final String PASSWORD = "correct horse battery";
    private static final String WEBHOOK_SECRET = "whsec_auth_matrix";
    private static final SecureRandom RANDOM = new SecureRandom();

    // ---------------------------------------------------------------------------------------------------------------
    // The expectation table: one line per registered route. When you add a route, add its line here.
    // ---------------------------------------------------------------------------------------------------------------

    private static final List<Rule> RULES = List.of(
            // operations
            rule("GET /health", Access.PUBLIC).answers(200),
            rule("GET /ready", Access.PUBLIC).answers(200),
            rule("GET /metrics", Access.ADMIN).answers(200),
            rule("GET /openapi.json", Access.PUBLIC).answers(200),

            // accounts and sessions
            // empty requests: who may call them is the point here, not a new account or session
            rule("POST /api/v1/auth/signup", Access.PUBLIC).json(w -> Map.of()).answers(422),
            rule("POST /api/v1/auth/login", Access.PUBLIC).json(w -> Map.of()).answers(422),
            rule("POST /api/v1/auth/refresh", Access.PUBLIC).json(w -> Map.of()).answers(422),
            // signs the caller's session out, so each cell gets a session of its own
            rule("POST /api/v1/auth/logout", Access.LISTENER).ownSession().answers(204),
            rule("GET /api/v1/me", Access.LISTENER).answers(200),
            // a challenge, the new key's signature of it and the password (the step-up); others send no proof
            rule("POST /api/v1/me/devices/challenge", Access.LISTENER).answers(201),
            rule("POST /api/v1/me/devices", Access.LISTENER).request((w, c) -> c.json(c.rightful
                    ? w.newDeviceRequest() : Map.of("publicKey", randomPublicKey(), "name", "Matrix device")))
                    .answers(201),
            rule("GET /api/v1/me/devices", Access.LISTENER).answers(200),
            rule("DELETE /api/v1/me/devices/{id}", Access.OWNER)
                    .request((w, c) -> c.path("id", c.letIn ? w.newDevice() : w.spareDeviceId))
                    .unchangedAfterRefusal((w, c) -> assertThat(TestServer.json(w.get("/api/v1/me/devices",
                            w.listener.token())).findValuesAsText("id")).as("the listener's device is still there")
                            .contains(c.path("id")))
                    .answers(204),
            // an empty profile: who may call it is the point here, not turning the shared listener into an artist
            // (BecomeArtistIT does that); an artist caller is let in and told it is one already
            rule("POST /api/v1/me/artist", Access.LISTENER).json(w -> Map.of()).answers(422),
            rule("PATCH /api/v1/me/artist", Access.ARTIST).json(w -> Map.of("bio", "Heard in the matrix."))
                    .answers(200),
            rule("PUT /api/v1/me/artist/picture", Access.ARTIST).request((w, c) -> c.body("image/png", w.png))
                    .answers(200),

            // catalog
            rule("GET /api/v1/tracks", Access.PUBLIC).answers(200),
            rule("POST /api/v1/tracks", Access.ARTIST).request((w, c) -> {
                TrackUploads.Body upload = TrackUploads.audio(w.audio, Map.of("title", "Matrix Upload"));
                c.body(upload.contentType(), upload.bytes());
            }).answers(201),
            rule("GET /api/v1/tracks/{id}", Access.PUBLIC).request((w, c) -> c.path("id", w.trackId)).answers(200),
            rule("DELETE /api/v1/tracks/{id}", Access.OWNING_ARTIST).request((w, c) -> c.path("id", w.track(c)))
                    .unchangedAfterRefusal((w, c) -> w.expectStatus(w.get("/api/v1/tracks/" + c.path("id"), null),
                            200, "the track another user tried to delete is still there"))
                    .answers(204),
            // resumable uploads (tus 1.0); another artist's upload is not found
            rule("OPTIONS /api/v1/uploads", Access.PUBLIC).answers(204),
            rule("POST /api/v1/uploads", Access.ARTIST).request((w, c) -> c.header("Tus-Resumable", "1.0.0")
                    .header("Upload-Length", "1000").header("Upload-Metadata", "filename bWF0cml4Lndhdg=="))
                    .answers(201),
            rule("HEAD /api/v1/uploads/{id}", Access.OWNING_ARTIST).request((w, c) -> c.path("id", w.newUpload())
                    .header("Tus-Resumable", "1.0.0")).answers(200),
            rule("PATCH /api/v1/uploads/{id}", Access.OWNING_ARTIST).request((w, c) -> c.path("id", w.newUpload())
                    .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                    .body("application/offset+octet-stream", new byte[100]))
                    .unchangedAfterRefusal((w, c) -> w.expectUploadOffset(c.path("id"), 0)).answers(204),
            rule("POST /api/v1/uploads/{id}", Access.OWNING_ARTIST).request((w, c) -> c.path("id", w.newUpload())
                    .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                    .header("X-HTTP-Method-Override", "PATCH").body("application/offset+octet-stream", new byte[100]))
                    .unchangedAfterRefusal((w, c) -> w.expectUploadOffset(c.path("id"), 0)).answers(204),
            rule("DELETE /api/v1/uploads/{id}", Access.OWNING_ARTIST).request((w, c) -> c.path("id", w.newUpload())
                    .header("Tus-Resumable", "1.0.0"))
                    .unchangedAfterRefusal((w, c) -> w.expectUploadOffset(c.path("id"), 0)).answers(204),
            rule("GET /api/v1/studio/tracks/{id}/report", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.trackId)).answers(200),
            rule("GET /api/v1/tracks/{id}/stream-url", Access.LISTENER).request((w, c) -> c.path("id", w.trackId))
                    .answers(200),
            rule("GET /api/v1/tracks/{id}/stream", Access.SIGNED_URL).request((w, c) -> c.path("id", w.trackId))
                    .answers(200),
            rule("HEAD /api/v1/tracks/{id}/stream", Access.SIGNED_URL).request((w, c) -> c.path("id", w.trackId))
                    .answers(200),
            rule("GET /api/v1/artists/{id}", Access.PUBLIC).request((w, c) -> c.path("id", w.artistId))
                    .answers(200),
            rule("GET /api/v1/releases/{id}", Access.PUBLIC).request((w, c) -> c.path("id", w.releaseId))
                    .answers(200),
            rule("GET /api/v1/media/{sha256}", Access.PUBLIC).request((w, c) -> c.path("sha256", w.pictureSha))
                    .answers(200),
            rule("GET /api/v1/sync", Access.PUBLIC).answers(200),

            // plays and library
            rule("POST /api/v1/plays", Access.LISTENER).json(w -> Map.of("plays", List.of(Map.of(
                    "id", UUID.randomUUID().toString(), "trackId", w.trackId,
                    "startedAt", w.now().minusSeconds(60).toString(), "playedMs", 30_000)))).answers(200),
            rule("GET /api/v1/me/artist/plays", Access.ARTIST).answers(200),
            rule("GET /api/v1/popular", Access.PUBLIC).answers(200),
            rule("GET /api/v1/me/likes", Access.LISTENER).answers(200),
            rule("PUT /api/v1/me/likes/{trackId}", Access.LISTENER).request((w, c) -> c.path("trackId", w.trackId))
                    .answers(204),
            rule("DELETE /api/v1/me/likes/{trackId}", Access.LISTENER)
                    .request((w, c) -> c.path("trackId", w.trackId)).answers(204),
            rule("GET /api/v1/me/playlists", Access.LISTENER).answers(200),
            rule("POST /api/v1/me/playlists", Access.LISTENER).request((w, c) -> c.idempotencyKey()
                    .json(Map.of("name", "Matrix mix", "trackIds", List.of(w.trackId)))).answers(201),
            rule("GET /api/v1/me/playlists/{id}", Access.OWNER).request((w, c) -> c.path("id", w.playlistId))
                    .answers(200),
            rule("PUT /api/v1/me/playlists/{id}", Access.OWNER).request((w, c) -> {
                JsonNode playlist = w.playlist(c);
                c.path("id", playlist.path("id").asText())
                        .header("If-Match", "\"" + playlist.path("version").asLong() + "\"")
                        .json(Map.of("name", "Renamed by its owner", "trackIds", List.of()));
            }).unchangedAfterRefusal((w, c) -> w.expectPlaylistUnchanged(c.path("id"))).answers(200),
            rule("DELETE /api/v1/me/playlists/{id}", Access.OWNER)
                    .request((w, c) -> c.path("id", w.playlist(c).path("id").asText()))
                    .unchangedAfterRefusal((w, c) -> w.expectPlaylistUnchanged(c.path("id"))).answers(204),

            // the Studio's catalog (docs/studio.md): another artist's track or release is not found
            rule("GET /api/v1/studio/tracks", Access.ARTIST).answers(200),
            rule("PATCH /api/v1/studio/tracks/{id}", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.track(c)).json(Map.of("genre", "Matrix")))
                    .unchangedAfterRefusal((w, c) -> assertThat(TestServer.json(w.get("/api/v1/tracks/"
                            + c.path("id"), null)).path("genre").asText()).isNotEqualTo("Matrix"))
                    .answers(200),
            rule("POST /api/v1/studio/tracks/{id}/publish", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.track(c))).answers(200),
            rule("POST /api/v1/studio/tracks/{id}/unpublish", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.track(c)))
                    .unchangedAfterRefusal((w, c) -> w.expectStatus(w.get("/api/v1/tracks/" + c.path("id"), null),
                            200, "the track another user tried to unpublish is still published"))
                    .answers(200),
            rule("GET /api/v1/studio/releases", Access.ARTIST).answers(200),
            rule("POST /api/v1/studio/releases", Access.ARTIST)
                    .json(w -> Map.of("title", "Matrix Release " + UUID.randomUUID())).answers(201),
            rule("PATCH /api/v1/studio/releases/{id}", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.release(c)).json(Map.of("year", 1999)))
                    .unchangedAfterRefusal((w, c) -> assertThat(TestServer.json(w.get("/api/v1/releases/"
                            + c.path("id"), null)).path("year").asInt()).isNotEqualTo(1999))
                    .answers(200),
            rule("PUT /api/v1/studio/releases/{id}/cover", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.release(c)).body("image/png", w.png)).answers(200),
            rule("POST /api/v1/studio/releases/{id}/publish", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.release(c))).answers(200),
            rule("POST /api/v1/studio/releases/{id}/unpublish", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.release(c)))
                    .unchangedAfterRefusal((w, c) -> w.expectStatus(w.get("/api/v1/releases/" + c.path("id"), null),
                            200, "the release another user tried to unpublish is still published"))
                    .answers(200),

            // tokens and money
            rule("POST /api/v1/offerings", Access.OWNING_ARTIST).request((w, c) -> c.json(Map.of(
                    "trackId", c.remember("trackId", w.track(c)), "supply", 100, "priceMicros", 1_000_000,
                    "holderShareBp", 1000)))
                    .unchangedAfterRefusal((w, c) -> w.expectStatus(w.get("/api/v1/offerings/" + c.path("trackId"),
                            null), 404, "no offering was opened on another artist's track"))
                    .answers(201),
            rule("GET /api/v1/offerings/{trackId}", Access.PUBLIC).request((w, c) -> c.path("trackId", w.trackId))
                    .answers(200),
            rule("POST /api/v1/quotes", Access.LISTENER).json(w -> Map.of("trackId", w.trackId, "quantity", 1))
                    .answers(201),
            // buys with the quote and wallet signature of the listener who asked for the quote
            rule("POST /api/v1/purchases", Access.OWNER).request((w, c) -> {
                JsonNode quote = w.newQuote();
                c.idempotencyKey().json(Map.of("quoteId", quote.path("id").asText(), "signature",
                        w.listener.sign(quote)));
            }).answers(201),
            rule("GET /api/v1/me/purchases", Access.LISTENER).answers(200),
            rule("GET /api/v1/me/purchases/{id}", Access.OWNER).request((w, c) -> c.path("id", w.purchaseId))
                    .answers(200),
            rule("POST /api/v1/me/topups", Access.LISTENER).request((w, c) -> c.idempotencyKey()
                    .json(Map.of("amountMicros", 1_000_000, "paymentMethod", Buyer.GOOD_CARD))).answers(201),
            rule("GET /api/v1/me/topups/{id}", Access.OWNER).request((w, c) -> c.path("id", w.topupId))
                    .answers(200),
            rule("POST /api/v1/payments/stripe/webhook", Access.WEBHOOK).request((w, c) -> c.json(Map.of(
                    "id", "evt_matrix_" + UUID.randomUUID().toString().replace("-", ""),
                    "type", "customer.created", "data", Map.of("object", Map.of())))).answers(200),
            rule("GET /api/v1/payments/checkout/return", Access.PUBLIC).answers(200),
            rule("GET /api/v1/me/holdings", Access.LISTENER).answers(200),
            rule("GET /api/v1/me/earnings", Access.LISTENER).answers(200),
            rule("GET /api/v1/me/ledger", Access.LISTENER).answers(200),
            // the listener signs a withdrawal but has no earnings; others send an empty request
            rule("POST /api/v1/me/withdrawals", Access.LISTENER).idempotencyKey().request((w, c) -> c.json(
                    c.rightful ? Map.of("amountMicros", 10_000, "wallet", w.listener.address(), "signature",
                            w.listener.signWithdrawal(c.headers.get("Idempotency-Key"), 10_000)) : Map.of()))
                    .answers(402),
            rule("GET /api/v1/artists/me/earnings", Access.ARTIST).answers(200),
            rule("POST /api/v1/studio/offerings/preview", Access.ARTIST).json(w -> Map.of("supply", 100,
                    "priceMicros", 1_000_000, "holderShareBp", 1000, "tokens", 3)).answers(200),
            rule("GET /api/v1/studio/earnings", Access.ARTIST).answers(200),
            // another artist gets 404 for this artist's track, as if it did not exist
            rule("GET /api/v1/studio/tracks/{id}/holders", Access.OWNING_ARTIST)
                    .request((w, c) -> c.path("id", w.trackId)).answers(200),
            rule("GET /api/v1/studio/statement.csv", Access.ARTIST).answers(200),
            rule("GET /api/v1/admin/ledger/verify", Access.ADMIN).answers(200),
            rule("GET /api/v1/admin/chain", Access.ADMIN).answers(200),
            rule("POST /api/v1/admin/settlements", Access.ADMIN).answers(201),
            // rotating keeps every token signed before valid, so the other cells are unaffected
            rule("POST /api/v1/admin/keys/rotate", Access.ADMIN).answers(200));

    /** Who may call a route. */
    enum Access {
        /** Anyone; a token, good or bad, changes nothing. */
        PUBLIC,
        /** Any signed-in account (listener or artist). */
        LISTENER,
        /** A signed-in artist account; a listener gets 403. */
        ARTIST,
        /**
         * A resource of the listener's own (named in the path or the body): the listener is let in, everyone else
         * gets 403 or 404, never the resource.
         */
        OWNER,
        /** A resource of the artist's own (their track): another artist gets 403 or 404; a listener 403. */
        OWNING_ARTIST,
        /** The operator's admin token (ND_ADMIN_TOKEN or the data dir's admin-token file); an account's is not it. */
        ADMIN,
        /** A track's audio: a signed-in account, or a signed stream URL from the stream-url route. */
        SIGNED_URL,
        /** Stripe's webhook: only a valid Stripe-Signature counts; bearer tokens mean nothing. */
        WEBHOOK
    }

    /** Who calls. */
    enum Caller {
        NO_TOKEN, LISTENER, ARTIST, ADMIN, ANOTHER_USER, EXPIRED, FORGED, ALG_NONE, REVOKED,
        // SIGNED_URL routes only
        SIGNED_URL, SIGNED_URL_OF_ANOTHER_TRACK, SIGNED_URL_TAMPERED, SIGNED_URL_EXPIRED,
        // WEBHOOK routes only
        STRIPE_SIGNED, STRIPE_SIGNED_WITH_ANOTHER_SECRET, STRIPE_SIGNED_LONG_AGO;

        static final List<Caller> EVERY_ROUTE = List.of(NO_TOKEN, LISTENER, ARTIST, ADMIN, ANOTHER_USER, EXPIRED,
                FORGED, ALG_NONE, REVOKED);

        static List<Caller> of(Access access) {
            List<Caller> callers = new ArrayList<>(EVERY_ROUTE);
            if (access == Access.SIGNED_URL) {
                callers.addAll(List.of(SIGNED_URL, SIGNED_URL_OF_ANOTHER_TRACK, SIGNED_URL_TAMPERED,
                        SIGNED_URL_EXPIRED));
            } else if (access == Access.WEBHOOK) {
                callers.addAll(List.of(STRIPE_SIGNED, STRIPE_SIGNED_WITH_ANOTHER_SECRET, STRIPE_SIGNED_LONG_AGO));
            }
            return callers;
        }
    }

    /** What a cell must answer. */
    enum Outcome {
        /** The rightful caller: the route's declared answer (default: any 2xx). */
        SERVED,
        /** Past the door: not 401, not 403, not a 5xx (the handler may still refuse the request itself). */
        LET_IN,
        /** 401, problem+json. */
        UNAUTHENTICATED,
        /** 401 of type token-expired, problem+json: the token was good but for its age. */
        EXPIRED,
        /** 403, problem+json: the wrong kind of account. */
        FORBIDDEN,
        /** 403 or 404, problem+json: not the caller's resource. */
        NOT_YOURS,
        /** 401 or 403, problem+json. */
        REFUSED,
        /** 403 of type link-expired, problem+json. */
        LINK_EXPIRED,
        /** 400, problem+json: a webhook without a good signature. */
        BAD_SIGNATURE
    }

    static Outcome expected(Access access, Caller caller) {
        return switch (access) {
            case PUBLIC -> caller == Caller.NO_TOKEN ? Outcome.SERVED : Outcome.LET_IN;
            case LISTENER -> switch (caller) {
                case LISTENER -> Outcome.SERVED;
                case ARTIST, ANOTHER_USER -> Outcome.LET_IN;
                case EXPIRED -> Outcome.EXPIRED;
                default -> Outcome.UNAUTHENTICATED;
            };
            case ARTIST -> switch (caller) {
                case ARTIST -> Outcome.SERVED;
                case ANOTHER_USER -> Outcome.LET_IN;
                case LISTENER -> Outcome.FORBIDDEN;
                case EXPIRED -> Outcome.EXPIRED;
                default -> Outcome.UNAUTHENTICATED;
            };
            case OWNER -> switch (caller) {
                case LISTENER -> Outcome.SERVED;
                case ARTIST, ANOTHER_USER -> Outcome.NOT_YOURS;
                case EXPIRED -> Outcome.EXPIRED;
                default -> Outcome.UNAUTHENTICATED;
            };
            case OWNING_ARTIST -> switch (caller) {
                case ARTIST -> Outcome.SERVED;
                case LISTENER -> Outcome.FORBIDDEN;
                case ANOTHER_USER -> Outcome.NOT_YOURS;
                case EXPIRED -> Outcome.EXPIRED;
                default -> Outcome.UNAUTHENTICATED;
            };
            case ADMIN -> switch (caller) {
                case ADMIN -> Outcome.SERVED;
                case LISTENER, ARTIST, ANOTHER_USER -> Outcome.REFUSED;
                default -> Outcome.UNAUTHENTICATED;
            };
            case SIGNED_URL -> switch (caller) {
                case SIGNED_URL, LISTENER -> Outcome.SERVED;
                case ARTIST, ANOTHER_USER -> Outcome.LET_IN;
                case EXPIRED -> Outcome.EXPIRED;
                case SIGNED_URL_EXPIRED -> Outcome.LINK_EXPIRED;
                default -> Outcome.UNAUTHENTICATED;
            };
            case WEBHOOK -> caller == Caller.STRIPE_SIGNED ? Outcome.SERVED : Outcome.BAD_SIGNATURE;
        };
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static World world;

    @BeforeAll
    static void start() {
        world = new World();
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.server.close();
        }
    }

    @Test
    void everyRegisteredRouteHasARuleAndEveryRuleARoute() {
        Set<String> registered = registeredRoutes();
        Set<String> declared = RULES.stream().map(Rule::route).collect(Collectors.toCollection(TreeSet::new));
        List<String> missing = registered.stream().filter(r -> !declared.contains(r)).toList();
        List<String> stale = declared.stream().filter(r -> !registered.contains(r)).toList();

        assertThat(missing).as(missing.stream().map(AuthMatrixIT::howToDeclare)
                .collect(Collectors.joining("\n\n"))).isEmpty();
        assertThat(stale).as("AuthMatrixIT.RULES declares routes the server does not register (renamed or removed?); "
                + "change or remove their lines: %s", stale).isEmpty();
        assertThat(RULES.stream().map(Rule::route).distinct().count()).as("each route is declared once")
                .isEqualTo(RULES.size());
    }

    @TestFactory
    Stream<DynamicNode> everyRouteAnswersEveryCallerAsDeclared() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        RULES.forEach(r -> rules.put(r.route(), r));
        List<DynamicNode> nodes = new ArrayList<>();
        for (String route : registeredRoutes()) {
            Rule rule = rules.get(route);
            if (rule == null) {
                nodes.add(DynamicTest.dynamicTest(route + " is declared", () -> {
                    throw new AssertionError(howToDeclare(route));
                }));
                continue;
            }
            List<DynamicNode> cells = new ArrayList<>();
            for (Caller caller : Caller.of(rule.access())) {
                Outcome outcome = expected(rule.access(), caller);
                cells.add(DynamicTest.dynamicTest(caller + " -> " + describe(rule, outcome),
                        () -> world.check(rule, caller, outcome)));
            }
            nodes.add(DynamicContainer.dynamicContainer(route + " (" + rule.access() + ")", cells));
        }
        return nodes.stream();
    }

    /**
     * A route is reached only by the method it was registered for: any other method on a registered path (HEAD on a
     * GET, PUT on a POST...) is refused with 405 or 404 and runs no handler, even for a signed-in caller.
     */
    @TestFactory
    Stream<DynamicNode> unregisteredMethodsOnRegisteredPathsAreRefused() {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (String route : registeredRoutes()) {
            methodsByPath.computeIfAbsent(route.substring(route.indexOf(' ') + 1), p -> new TreeSet<>())
                    .add(route.substring(0, route.indexOf(' ')));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        methodsByPath.forEach((template, methods) -> {
            String path = template.replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            List<DynamicNode> cells = new ArrayList<>();
            for (String method : new TreeSet<>(HTTP_METHODS)) {
                if (methods.contains(method)) {
                    continue;
                }
                cells.add(DynamicTest.dynamicTest(method + " -> 404 or 405", () -> {
                    HttpResponse<String> r = world.server.send(world.server.request(path)
                            .header("Authorization", "Bearer " + world.listener.token())
                            .method(method, HttpRequest.BodyPublishers.noBody()).build());
                    World.refused(r, method + " " + path + " -> " + r.statusCode() + " " + r.body(), 404, 405);
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(template + " " + methods, cells));
        });
        return nodes.stream();
    }

    private static Set<String> registeredRoutes() {
        Set<String> registered = new TreeSet<>();
        for (String route : world.server.server().routes()) {
            String method = route.substring(0, route.indexOf(' ')).toUpperCase(Locale.ROOT);
            if (HTTP_METHODS.contains(method)) {
                registered.add(method + " " + route.substring(route.indexOf(' ') + 1));
            }
        }
        return registered;
    }

    /** The failure for a route nobody declared: what to add, where, and how. */
    static String howToDeclare(String route) {
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(route);
        while (m.find()) {
            params.add(m.group(1));
        }
        String example = "            rule(\"" + route + "\", Access.LISTENER)"
                + params.stream().map(p -> ".request((w, c) -> c.path(\"" + p + "\", w.someId))")
                .collect(Collectors.joining())
                + ".answers(200),";
        return route + " is registered but AuthMatrixIT does not say who may call it.\n"
                + "Add its line to RULES in server/src/test/java/dance/normal/server/AuthMatrixIT.java, e.g.\n"
                + example + "\n"
                + "with the access it needs: PUBLIC (anyone), LISTENER (any signed-in account), ARTIST (artist "
                + "accounts only), OWNER (a resource of the listener's own, named in the path or body: everyone else "
                + "must get 403/404), OWNING_ARTIST (an artist's own track), ADMIN (the admin token), SIGNED_URL "
                + "(a signed stream link) or WEBHOOK (a Stripe signature). "
                + (params.isEmpty() ? "" : "Fill " + params.stream().map(p -> "{" + p + "}")
                .collect(Collectors.joining(", ")) + " with the id of a real resource made in World (add one "
                + "there if none fits; make a fresh one per cell when the route changes or deletes it). ")
                + "Send a valid body with .json(w -> Map.of(...)) or .request((w, c) -> c.json(...)), and pin what "
                + "the rightful caller gets with .answers(status).";
    }

    private static String describe(Rule rule, Outcome outcome) {
        return switch (outcome) {
            case SERVED -> rule.answers() == null ? "2xx" : Integer.toString(rule.answers());
            case LET_IN -> "let in (not 401/403/5xx)";
            case UNAUTHENTICATED -> "401";
            case EXPIRED -> "401 token-expired";
            case FORBIDDEN -> "403";
            case NOT_YOURS -> "403 or 404";
            case REFUSED -> "401 or 403";
            case LINK_EXPIRED -> "403 link-expired";
            case BAD_SIGNATURE -> "400";
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The rules' little language
    // ---------------------------------------------------------------------------------------------------------------

    /** Fills one cell's request: path parameters, body, headers. Runs once per cell. */
    @FunctionalInterface
    interface RequestMaker {
        void make(World world, Call call);
    }

    /** Checks, after a refused cell, that the resource it aimed at is as it was. */
    @FunctionalInterface
    interface AfterRefusal {
        void check(World world, Call call);
    }

    record Rule(String route, Access access, RequestMaker maker, Integer answers, boolean freshSession,
                AfterRefusal afterRefusal) {

        String method() {
            return route.substring(0, route.indexOf(' '));
        }

        String template() {
            return route.substring(route.indexOf(' ') + 1);
        }

        /** How the rightful caller's request is made; also sent by every other caller of the cell. */
        Rule request(RequestMaker m) {
            RequestMaker before = maker;
            return new Rule(route, access, (w, c) -> {
                before.make(w, c);
                m.make(w, c);
            }, answers, freshSession, afterRefusal);
        }

        Rule json(Function<World, Object> body) {
            return request((w, c) -> c.json(body.apply(w)));
        }

        Rule idempotencyKey() {
            return request((w, c) -> c.idempotencyKey());
        }

        /** The status the rightful caller gets. */
        Rule answers(int status) {
            return new Rule(route, access, maker, status, freshSession, afterRefusal);
        }

        /** Signed-in callers use a session made for the cell (the route ends or changes sessions). */
        Rule ownSession() {
            return new Rule(route, access, maker, answers, true, afterRefusal);
        }

        Rule unchangedAfterRefusal(AfterRefusal check) {
            return new Rule(route, access, maker, answers, freshSession, check);
        }
    }

    static Rule rule(String route, Access access) {
        return new Rule(route, access, (w, c) -> {
        }, null, false, null);
    }

    /** One cell's request under construction. */
    static final class Call {
        final Caller caller;
        /** The route's rightful caller, who is served. */
        final boolean rightful;
        /** A caller who gets past the door: what it sends may change things, so it works on throw-away resources. */
        final boolean letIn;
        final Map<String, String> path = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> remembered = new LinkedHashMap<>();
        String contentType;
        byte[] body;

        Call(Caller caller, Outcome outcome) {
            this.caller = caller;
            this.rightful = outcome == Outcome.SERVED;
            this.letIn = outcome == Outcome.SERVED || outcome == Outcome.LET_IN;
        }

        Call path(String name, String value) {
            path.put(name, value);
            return this;
        }

        /** A path parameter's value, or a value the request maker remembered. */
        String path(String name) {
            return path.containsKey(name) ? path.get(name) : remembered.get(name);
        }

        /** Keeps a value (a resource made for this cell) for the after-refusal check; returns it. */
        String remember(String name, String value) {
            remembered.put(name, value);
            return value;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call idempotencyKey() {
            return header("Idempotency-Key", UUID.randomUUID().toString());
        }

        Call json(Object value) {
            try {
                return body("application/json", TestServer.JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Call body(String type, byte[] bytes) {
            contentType = type;
            body = bytes;
            return this;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The world: one server, real accounts and resources, and every kind of credential
    // ---------------------------------------------------------------------------------------------------------------

    static final class World {
        final TestServer server;
        final String adminToken;
        final Path audio = Fixtures.audio("mp3", 2, "Matrix Song");
        final byte[] png = png();

        /** The listener who owns the playlist, the top-up and the purchase below. */
        final Buyer listener;
        final Buyer anotherListener;
        /** The artist who owns the track and its offering. */
        final Market market;
        final String anotherArtistToken;
        final String anotherArtistEmail;

        final String trackId;
        final String otherTrackId;
        final String artistId;
        final String releaseId;
        final String pictureSha;
        final String playlistId;
        /** Throw-away resources for the cells that must be refused (a refused call changes nothing). */
        final String spareTrackId;
        final JsonNode sparePlaylist;
        final String topupId;
        final String purchaseId;
        final String spareDeviceId;

        final String expiredToken;
        final String forgedToken;
        final String algNoneToken;
        final String revokedToken;
        final String artistEmail;

        World() {
            server = TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money().withPayments(
                    List.of("test-card"), Optional.of(new MoneyConfig.Stripe(URI.create("http://127.0.0.1:9"),
                            "sk_test_auth_matrix", WEBHOOK_SECRET)))));
            try {
                adminToken = Files.readString(server.dataDir().resolve("admin-token")).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            listener = Buyer.signUp(server);
            anotherListener = Buyer.signUp(server);
            market = Market.open(server, 1_000, 1_000_000, 2_000, null);
            JsonNode artist = TestServer.json(server.get("/api/v1/me", market.artistToken()));
            artistEmail = artist.path("email").asText();
            JsonNode another = server.signup("artist");
            anotherArtistToken = another.path("accessToken").asText();
            anotherArtistEmail = another.path("me").path("email").asText();

            trackId = market.trackId();
            artistId = market.artistId();
            JsonNode track = TestServer.json(server.get("/api/v1/tracks/" + trackId, null));
            releaseId = track.path("releaseId").asText();
            otherTrackId = newTrack();

            HttpResponse<String> picture = server.send(server.request("/api/v1/me/artist/picture")
                    .header("Authorization", "Bearer " + market.artistToken()).header("Content-Type", "image/png")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build());
            expectStatus(picture, 200, "the artist's picture is stored");
            String pictureUrl = TestServer.json(picture).path("pictureUrl").asText();
            pictureSha = pictureUrl.substring(pictureUrl.lastIndexOf('/') + 1);

            playlistId = newPlaylist().path("id").asText();
            spareTrackId = newTrack();
            sparePlaylist = newPlaylist();
            HttpResponse<String> topup = listener.topUp(50_000_000, Buyer.GOOD_CARD);
            expectStatus(topup, 201, "the listener's top-up");
            topupId = TestServer.json(topup).path("id").asText();
            HttpResponse<String> purchase = listener.buy(trackId, 1);
            expectStatus(purchase, 201, "the listener's purchase");
            purchaseId = TestServer.json(purchase).path("id").asText();
            spareDeviceId = newDevice();

            JsonNode listenerClaims = claims(listener.token());
            JsonNode artistClaims = claims(market.artistToken());
            expiredToken = new TokenService(serverKey("access-token-hs256"),
                    Clock.fixed(now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
                    .issue(listener.accountId(), Role.LISTENER, listenerClaims.path("sid").asText());
            // The artist's own claims, unexpired, signed with a key that is not the server's.
            Map<String, Object> impersonation = Map.of("iss", artistClaims.path("iss").asText(),
                    "sub", artistClaims.path("sub").asText(), "role", "artist",
                    "sid", artistClaims.path("sid").asText(), "jti", UUID.randomUUID().toString(),
                    "iat", now().getEpochSecond(), "exp", now().plus(Duration.ofMinutes(10))
                            .getEpochSecond());
            byte[] otherKey = new byte[32];
            RANDOM.nextBytes(otherKey);
            forgedToken = jwt(Map.of("alg", "HS256", "typ", "JWT"), impersonation, otherKey);
            algNoneToken = jwt(Map.of("alg", "none", "typ", "JWT"), impersonation, null);

            JsonNode session = login(listener.email());
            revokedToken = session.path("accessToken").asText();
            HttpResponse<String> logout = server.send(server.request("/api/v1/auth/logout")
                    .header("Authorization", "Bearer " + revokedToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.createObjectNode()
                            .put("refreshToken", session.path("refreshToken").asText()).toString())).build());
            expectStatus(logout, 204, "signing the extra session out");
        }

        /** The server's time (a test clock that runs with real time). */
        Instant now() {
            return server.clock().instant();
        }

        // ---- resources

        String newTrack() {
            return TrackUploads.upload(server, market.artistToken(), audio, Map.of("title", "Matrix Throwaway"))
                    .path("id").asText();
        }

        /** A release of the artist's own to change: a new, empty one for a caller who gets in. */
        String release(Call c) {
            if (!c.letIn) {
                return releaseId;
            }
            HttpResponse<String> r = server.postJson("/api/v1/studio/releases", market.artistToken(),
                    Map.of("title", "Matrix Release " + UUID.randomUUID()));
            expectStatus(r, 201, "a release for the artist");
            return TestServer.json(r).path("id").asText();
        }

        /** A track of the artist's own to change or delete: a new one for a caller who gets in. */
        String track(Call c) {
            return c.letIn ? newTrack() : spareTrackId;
        }

        /** A playlist of the listener's own to change or delete: a new one for a caller who gets in. */
        JsonNode playlist(Call c) {
            return c.letIn ? newPlaylist() : sparePlaylist;
        }

        JsonNode newPlaylist() {
            HttpResponse<String> r = server.send(server.request("/api/v1/me/playlists")
                    .header("Authorization", "Bearer " + listener.token()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Owned\",\"trackIds\":[\"" + trackId
                            + "\"]}")).build());
            expectStatus(r, 201, "a playlist for the listener");
            return TestServer.json(r);
        }

        /** A body that adds a new key to the listener's account: challenge, the key's signature, the password. */
        Map<String, Object> newDeviceRequest() {
            SoftwareSigner key = SoftwareSigner.generate(RANDOM);
            return Devices.request(key, Devices.challenge(server, listener.token(), key), PASSWORD, "Matrix device");
        }

        /** A new device of the listener's; its id. */
        String newDevice() {
            return Devices.registered(server, listener.token(), SoftwareSigner.generate(RANDOM), "Matrix spare")
                    .path("id").asText();
        }

        JsonNode newQuote() {
            HttpResponse<String> r = server.postJson("/api/v1/quotes", listener.token(),
                    Map.of("trackId", trackId, "quantity", 1, "wallet", listener.address()));
            expectStatus(r, 201, "a quote for the listener");
            return TestServer.json(r);
        }

        /** A new tus upload of the artist's own, 1000 bytes long, nothing sent yet; returns its id. */
        String newUpload() {
            HttpResponse<String> r = server.send(server.request("/api/v1/uploads")
                    .header("Authorization", "Bearer " + market.artistToken()).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Length", "1000").header("Upload-Metadata", "filename bWF0cml4Lndhdg==")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            expectStatus(r, 201, "a new upload");
            String location = r.headers().firstValue("Location").orElseThrow();
            return location.substring(location.lastIndexOf('/') + 1);
        }

        void expectUploadOffset(String id, long offset) {
            HttpResponse<String> r = server.send(server.request("/api/v1/uploads/" + id)
                    .header("Authorization", "Bearer " + market.artistToken()).header("Tus-Resumable", "1.0.0")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            expectStatus(r, 200, "the upload another user tried to change is still there");
            assertThat(r.headers().firstValue("Upload-Offset")).as("its offset").hasValue(Long.toString(offset));
        }

        void expectPlaylistUnchanged(String id) {
            HttpResponse<String> r = get("/api/v1/me/playlists/" + id, listener.token());
            expectStatus(r, 200, "the playlist another user tried to change is still there");
            assertThat(TestServer.json(r).path("name").asText()).as("its name").isEqualTo("Owned");
            assertThat(TestServer.json(r).path("version").asLong()).as("its version").isEqualTo(1);
        }

        HttpResponse<String> get(String path, String token) {
            return server.get(path, token);
        }

        void expectStatus(HttpResponse<String> r, int status, String what) {
            assertThat(r.statusCode()).as("%s: %s %s -> %s", what, r.request().method(), r.uri(), r.body())
                    .isEqualTo(status);
        }

        // ---- credentials

        JsonNode login(String email) {
            HttpResponse<String> r = server.postJson("/api/v1/auth/login", null,
                    Map.of("email", email, "password", PASSWORD));
            expectStatus(r, 200, "signing in " + email);
            return TestServer.json(r);
        }

        /** The bearer token a caller sends on this route, or null. */
        String token(Rule rule, Caller caller) {
            boolean artistRoute = rule.access() == Access.ARTIST || rule.access() == Access.OWNING_ARTIST;
            return switch (caller) {
                case LISTENER -> rule.freshSession() ? login(listener.email()).path("accessToken").asText()
                        : listener.token();
                case ARTIST -> rule.freshSession() ? login(artistEmail).path("accessToken").asText()
                        : market.artistToken();
                case ANOTHER_USER -> {
                    if (rule.freshSession()) {
                        yield login(artistRoute ? anotherArtistEmail : anotherListener.email())
                                .path("accessToken").asText();
                    }
                    yield artistRoute ? anotherArtistToken : anotherListener.token();
                }
                case ADMIN -> adminToken;
                case EXPIRED -> expiredToken;
                case FORGED -> forgedToken;
                case ALG_NONE -> algNoneToken;
                case REVOKED -> revokedToken;
                default -> null;
            };
        }

        /** The email of the account a caller signs in as, or null. */
        String email(Rule rule, Caller caller) {
            boolean artistRoute = rule.access() == Access.ARTIST || rule.access() == Access.OWNING_ARTIST;
            return switch (caller) {
                case LISTENER -> listener.email();
                case ARTIST -> artistEmail;
                case ANOTHER_USER -> artistRoute ? anotherArtistEmail : anotherListener.email();
                default -> null;
            };
        }

        /** The query a signed-URL caller adds, or "". */
        String signedQuery(String trackIdInPath, Caller caller) {
            return switch (caller) {
                case SIGNED_URL -> streamQuery(trackIdInPath);
                case SIGNED_URL_OF_ANOTHER_TRACK -> streamQuery(otherTrackId);
                case SIGNED_URL_TAMPERED -> {
                    String q = streamQuery(trackIdInPath);
                    char last = q.charAt(q.length() - 1);
                    yield q.substring(0, q.length() - 1) + (last == 'A' ? 'B' : 'A');
                }
                case SIGNED_URL_EXPIRED -> "?" + new StreamUrlSigner(serverKey("stream-url-hs256"),
                        Clock.fixed(now().minus(StreamUrlSigner.TTL).minus(Duration.ofMinutes(5)),
                                ZoneOffset.UTC)).sign(trackIdInPath, listener.accountId()).query();
                default -> "";
            };
        }

        private String streamQuery(String track) {
            HttpResponse<String> r = get("/api/v1/tracks/" + track + "/stream-url", listener.token());
            expectStatus(r, 200, "a stream URL for the listener");
            String url = TestServer.json(r).path("url").asText();
            return url.substring(url.indexOf('?'));
        }

        /** The Stripe-Signature a webhook caller sends, or null. */
        String stripeSignature(byte[] payload, Caller caller) {
            long now = now().getEpochSecond();
            return switch (caller) {
                case STRIPE_SIGNED -> stripe(WEBHOOK_SECRET, now, payload);
                case STRIPE_SIGNED_WITH_ANOTHER_SECRET -> stripe("whsec_someone_else", now, payload);
                case STRIPE_SIGNED_LONG_AGO -> stripe(WEBHOOK_SECRET, now - Duration.ofHours(1).toSeconds(),
                        payload);
                default -> null;
            };
        }

        private static String stripe(String secret, long timestamp, byte[] payload) {
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(StripeWebhook.sign(
                    secret.getBytes(StandardCharsets.UTF_8), timestamp, payload));
        }

        /** A key the server keeps in its database (read as another process on the same data dir would). */
        byte[] serverKey(String name) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
                    + server.dataDir().resolve("normal-dance.db"));
                 PreparedStatement s = c.prepareStatement("SELECT key_bytes FROM server_keys WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).as("the server keeps a key named %s", name).isTrue();
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        // ---- one cell

        void check(Rule rule, Caller caller, Outcome outcome) {
            Call call = new Call(caller, outcome);
            rule.maker().make(this, call);
            // An Idempotency-Key belongs to one account: the rightful caller sends the request first under the key
            // this caller then sends, and this caller must get an answer of its own, not the rightful caller's.
            String earlierId = null;
            Caller rightful = rightfulCaller(rule.access());
            if (call.headers.containsKey("Idempotency-Key") && outcome == Outcome.LET_IN && rightful != null) {
                Call first = new Call(rightful, Outcome.SERVED);
                rule.maker().make(this, first);
                HttpResponse<String> earlier = send(rule, rightful, first, fill(rule, first), "");
                if (earlier.statusCode() / 100 == 2 && earlier.body().startsWith("{")) {
                    earlierId = TestServer.json(earlier).path("id").asText(null);
                }
                call.header("Idempotency-Key", first.headers.get("Idempotency-Key"));
            }
            String path = fill(rule, call);
            String query = rule.access() == Access.SIGNED_URL ? signedQuery(call.path("id"), caller) : "";
            HttpResponse<String> r = send(rule, caller, call, path, query);
            String seen = caller + " on " + rule.method() + " " + path + query + " -> " + r.statusCode() + " "
                    + abbreviate(r.body());
            if (earlierId != null) {
                assertThat(r.body()).as("another account's Idempotency-Key gets this caller's own answer: %s", seen)
                        .doesNotContain(earlierId);
            }
            String ownEmail = email(rule, caller);
            for (String email : List.of(listener.email(), anotherListener.email(), artistEmail, anotherArtistEmail)) {
                if (!email.equals(ownEmail)) {
                    assertThat(r.body()).as("no one sees another account's email: %s", seen)
                            .doesNotContainIgnoringCase(email);
                }
            }

            switch (outcome) {
                case SERVED -> {
                    if (rule.answers() != null) {
                        assertThat(r.statusCode()).as("the rightful caller is served: %s", seen)
                                .isEqualTo(rule.answers());
                    } else {
                        assertThat(r.statusCode()).as("the rightful caller is served: %s", seen).isBetween(200, 299);
                    }
                }
                case LET_IN -> assertThat(r.statusCode()).as("let in: %s", seen)
                        .isNotIn(401, 403).isLessThan(500);
                case UNAUTHENTICATED -> refused(r, seen, 401);
                case EXPIRED -> {
                    refused(r, seen, 401);
                    assertProblemType(r, "token-expired", seen);
                }
                case FORBIDDEN -> refused(r, seen, 403);
                case NOT_YOURS -> refused(r, seen, 403, 404);
                case REFUSED -> refused(r, seen, 401, 403);
                case LINK_EXPIRED -> {
                    refused(r, seen, 403);
                    assertProblemType(r, "link-expired", seen);
                }
                case BAD_SIGNATURE -> refused(r, seen, 400);
                default -> throw new IllegalStateException("No check for " + outcome);
            }
            if (outcome != Outcome.SERVED && outcome != Outcome.LET_IN && rule.afterRefusal() != null) {
                rule.afterRefusal().check(this, call);
            }
        }

        private static Caller rightfulCaller(Access access) {
            return switch (access) {
                case LISTENER, OWNER -> Caller.LISTENER;
                case ARTIST, OWNING_ARTIST -> Caller.ARTIST;
                default -> null;
            };
        }

        /** Sends one cell's request as {@code caller}. */
        private HttpResponse<String> send(Rule rule, Caller caller, Call call, String path, String query) {
            HttpRequest.Builder b = server.request(path + query).timeout(Duration.ofSeconds(30));
            String token = token(rule, caller);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            call.headers.forEach(b::header);
            if (rule.access() == Access.WEBHOOK) {
                String signature = stripeSignature(call.body == null ? new byte[0] : call.body, caller);
                if (signature != null) {
                    b.header("Stripe-Signature", signature);
                }
            }
            if (call.body != null) {
                // A large body (an upload) waits for the server's 100 Continue: a caller refused before the body is
                // read gets the refusal, instead of a broken pipe while still sending.
                b.expectContinue(call.body.length > 4096);
                b.header("Content-Type", call.contentType);
                b.method(rule.method(), HttpRequest.BodyPublishers.ofByteArray(call.body));
            } else {
                b.method(rule.method(), HttpRequest.BodyPublishers.noBody());
            }
            return server.send(b.build());
        }

        private static void refused(HttpResponse<String> r, String seen, Integer... statuses) {
            assertThat(r.statusCode()).as("refused: %s", seen).isIn((Object[]) statuses);
            assertThat(r.headers().firstValue("Content-Type")).as("a problem answer: %s", seen)
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            if (!r.request().method().equals("HEAD")) {
                ProblemAssert.assertClientProblem(r);
            }
        }

        private static void assertProblemType(HttpResponse<String> r, String slug, String seen) {
            if (!r.request().method().equals("HEAD")) {
                assertThat(TestServer.json(r).path("type").asText()).as("problem type: %s", seen)
                        .isEqualTo(ProblemAssert.TYPE_BASE + slug);
            }
        }

        private static String fill(Rule rule, Call call) {
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(rule.template());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = call.path.get(m.group(1));
                if (value == null) {
                    throw new AssertionError(rule.route() + " has the path parameter {" + m.group(1) + "} but its "
                            + "rule in AuthMatrixIT.RULES does not fill it: add .request((w, c) -> c.path(\""
                            + m.group(1) + "\", w.someId)) with the id of a real resource.");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        private static String abbreviate(String body) {
            if (body == null) {
                return "";
            }
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static JsonNode claims(String token) {
        try {
            return TestServer.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compact JWS: HS256 with {@code key}, or no signature at all when the key is null (alg "none"). */
    private static String jwt(Map<String, Object> header, Map<String, Object> claims, byte[] key) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(TestServer.JSON.writeValueAsBytes(header)) + "."
                    + b64.encodeToString(TestServer.JSON.writeValueAsBytes(claims));
            if (key == null) {
                return input + ".";
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomPublicKey() {
        return Base58.encode(SoftwareSigner.generate(RANDOM).publicKey());
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x22, 0x88, 0x44));
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
