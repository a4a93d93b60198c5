package dance.normal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.auth.ArtistProfileRequest;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.RefreshRequest;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.library.Likes;
import dance.normal.protocol.library.Playlist;
import dance.normal.protocol.library.PlaylistDraft;
import dance.normal.protocol.plays.PlayBatch;
import dance.normal.server.auth.AdminAuth;
import dance.normal.server.auth.AuthService;
import dance.normal.server.auth.Authenticator;
import dance.normal.server.auth.PasswordHasher;
import dance.normal.server.auth.KeyRing;
import dance.normal.server.auth.Principal;
import dance.normal.server.auth.TokenService;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.chain.LedgerChain;
import dance.normal.server.chain.SolanaChain;
import dance.normal.server.db.Database;
import dance.normal.server.db.Dialect;
import dance.normal.server.db.OwnerOnly;
import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.ApiException;
import dance.normal.server.http.Http;
import dance.normal.server.http.Json;
import dance.normal.server.http.ProblemErrorHandler;
import dance.normal.server.http.RequestGuards;
import dance.normal.server.http.TlsKeys;
import dance.normal.server.media.AudioInspector;
import dance.normal.server.ops.Metrics;
import dance.normal.server.library.LikeService;
import dance.normal.server.library.PlaylistService;
import dance.normal.server.plays.PlayService;
import dance.normal.server.plays.StreamEvidence;
import dance.normal.server.storage.MediaStore;
import dance.normal.server.stream.StreamRoutes;
import dance.normal.server.stream.StreamUrlSigner;
import dance.normal.server.tokens.TokenRoutes;
import dance.normal.server.upload.DemoSeeder;
import dance.normal.server.upload.Images;
import dance.normal.server.upload.UploadService;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Normal Dance backend: wires storage, services and routes into a Javalin app (on virtual threads with
 * PostgreSQL, on a pool of platform threads with SQLite).
 *
 * <p>Every error leaves as {@code application/problem+json}; unexpected ones are logged once with the request id
 * and answered with a generic sentence. {@link #close()} drains: new requests get 503 while streams in flight
 * finish (bounded), then the server stops.
 */
public final class NormalDanceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NormalDanceServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dance.normal.server.access");
    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final String PROBLEM_WRITTEN = "nd.problem";
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final int ACCEPT_QUEUE = 1024;
    private static final String METRICS_CONNECTOR = "metrics";
    /** Prefixes of routes whose answers carry tokens or an account's own data: never kept by a cache. */
    private static final List<String> NO_STORE = List.of("/api/v1/auth/", "/api/v1/me", "/api/v1/admin/",
            "/api/v1/quotes", "/api/v1/purchases", "/api/v1/artists/me/");

    private final ServerConfig config;
    private final Database db;
    private final ObjectMapper json = Json.mapper();
    private final Metrics metrics = new Metrics();
    private final List<String> routes = Collections.synchronizedList(new ArrayList<>());
    private final Clock clock;
    private final CatalogRepository catalog;
    private final AuthService auth;
    private final Authenticator authenticator;
    private final UploadService uploads;
    private final PlayService plays;
    private final LikeService likes;
    private final PlaylistService playlists;
    private final ChangeFeed feed;
    private final StreamRoutes streams;
    private final MediaStore media;
    private final AudioInspector inspector;
    private final TokenRoutes money;
    /** The TLS identity, or null for plain http. */
    private final TlsKeys tls;
    private final AdminAuth admin;
    private final KeyRing accessKeys;
    private final KeyRing streamKeys;
    private volatile boolean draining;
    private volatile RouteTemplates routeTemplates;
    private Javalin app;

    private NormalDanceServer(ServerConfig config, Database db, Function<Database, Chain> chain, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.db = db;
        this.tls = config.http().tls().map(t -> switch (t) {
            case HttpOptions.Tls.Pem pem -> TlsKeys.fromPem(pem.cert(), pem.key());
            case HttpOptions.Tls.SelfSigned self -> TlsKeys.selfSigned(config.dataDir());
        }).orElse(null);
        this.feed = new ChangeFeed(db.jdbi(), db.dialect(), json);
        this.catalog = new CatalogRepository(db, feed);
        this.admin = AdminAuth.from(config.money().adminToken(), config.dataDir());
        this.accessKeys = KeyRing.open(db.jdbi(), TokenService.KEYS, TokenService.ACCESS_TTL, clock);
        this.streamKeys = KeyRing.open(db.jdbi(), StreamUrlSigner.KEYS, StreamUrlSigner.TTL, clock);
        if (config.auth().rotateKeys()) {
            LOG.info("Signing keys rotated at start: {}, {}", accessKeys.rotate(), streamKeys.rotate());
        }
        TokenService tokens = new TokenService(accessKeys, clock);
        this.auth = new AuthService(db.jdbi(), catalog, new PasswordHasher(19 * 1024, 2, 1,
                config.auth().maxHashing()), tokens, clock, config.auth().signupsPerHour());
        this.authenticator = new Authenticator(tokens, auth);
        this.media = new MediaStore(config.dataDir().resolve("media"));
        this.inspector = new AudioInspector();
        this.uploads = new UploadService(catalog, media, inspector, metrics, config.maxUploadBytes());
        this.plays = new PlayService(db.jdbi(), catalog, clock);
        this.likes = new LikeService(db.jdbi(), catalog, clock);
        this.playlists = new PlaylistService(db.jdbi(), clock);
        this.streams = new StreamRoutes(catalog, media, authenticator,
                new StreamUrlSigner(streamKeys, clock), metrics,
                new StreamEvidence(db.jdbi()), clock, config.http().publicUrl());
        Chain onChain = chain.apply(db);
        try {
            this.money = new TokenRoutes(db, catalog, authenticator, onChain, config.money(), config.dataDir(), clock,
                    json, () -> config.http().publicUrl().orElseGet(() -> URI.create(baseUrl())));
        } catch (RuntimeException e) {
            onChain.close(); // an HSM session must not outlive a server that did not start
            throw e;
        }
    }

    /** Opens the database (migrating it), adds the demo catalog if asked, and starts listening. */
    public static NormalDanceServer start(ServerConfig config) {
        return start(config, chainFor(config));
    }

    /** The chain the configuration names, as {@code ./nd server} chooses it (made once the database is open). */
    public static Function<Database, Chain> chainFor(ServerConfig config) {
        MoneyConfig money = config.money();
        return money.chain().equals("solana")
                ? db -> SolanaChain.open(money.rpc().orElseThrow(), money.payoutMint(), money.treasuryPkcs11(),
                        config.dataDir(), db.jdbi(), Clock.systemUTC())
                : db -> new LedgerChain();
    }

    /** As {@link #start(ServerConfig)}, with tokens kept by {@code chain} (made once the database is open). */
    public static NormalDanceServer start(ServerConfig config, Function<Database, Chain> chain) {
        requireTlsBeyondLoopback(config);
        return start(config, chain, Clock.systemUTC());
    }

    /**
     * As {@link #start(ServerConfig, Function)}, on {@code clock}: tests move time forward to run background jobs
     * (top-up retries and reconciliation) and to time sessions and windows, instead of waiting for them.
     */
    public static NormalDanceServer start(ServerConfig config, Function<Database, Chain> chain, Clock clock) {
        OwnerOnly.directory(config.dataDir());
        Database db = Database.open(config.dataDir(), config.jdbcUrl(), config.dbUser(), config.dbPassword());
        NormalDanceServer server;
        try {
            server = new NormalDanceServer(config, db, chain, clock);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        try {
            if (!server.inspector.hasFfmpeg()) {
                LOG.warn("ffmpeg was not found: uploads are checked without decoding and loudness is not measured. "
                        + "Install it with: sudo apt-get install ffmpeg");
            }
            if (config.demo()) {
                new DemoSeeder(db.jdbi(), server.catalog, server.uploads).seed(config.dataDir().resolve("demo"));
            }
            server.money.start();
            server.app = Javalin.create(server::configure).start();
        } catch (RuntimeException e) {
            server.money.close();
            db.close();
            throw e;
        }
        LOG.info("Normal Dance server started on {} with {}", server.baseUrl(), db.dialect());
        server.certificate().ifPresent(cert -> LOG.info("Serving HTTPS; the certificate's SHA-256 fingerprint is {} "
                + "(listeners compare it with the one their app shows before trusting this server)",
                TlsKeys.fingerprint(cert)));
        return server;
    }

    /** The version an update is based on, from {@code If-Match: "<version>"}; 428 without it. */
    private static long ifMatchVersion(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.isBlank()) {
            throw new ApiException(ProblemType.PRECONDITION_REQUIRED, 428,
                    "Send If-Match with the version you changed (the ETag you read).");
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match must be the playlist's ETag, like \"3\".");
        }
    }

    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return (tls == null ? "http://" : "https://") + host + ":" + app.port();
    }

    /** The certificate served, when the server speaks TLS. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(tls).map(TlsKeys::certificate);
    }

    /**
     * Plain http carries passwords and tokens in the clear, so it is for this machine only: a server that binds any
     * other address needs TLS, or an https {@code --public-url} saying a proxy in front terminates it.
     */
    static void requireTlsBeyondLoopback(ServerConfig config) {
        if (config.http().tls().isPresent()) {
            return;
        }
        if (config.http().publicUrl().map(u -> u.getScheme().equalsIgnoreCase("https")).orElse(false)) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(config.host()).isLoopbackAddress();
        } catch (IOException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException("Plain http is for this machine only, and --host " + config.host()
                    + " serves a network. Give --tls-cert FILE --tls-key FILE, or --tls self-signed for a LAN, or "
                    + "--public-url https://... when a proxy in front of the server speaks TLS.");
        }
    }

    public int port() {
        return app.port();
    }

    /** The money and token audit, for tests that check every invariant after they ran. */
    public TokenRoutes money() {
        return money;
    }

    /** Method and path of every registered route, as registered (for the OpenAPI completeness test). */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /**
     * The JDK's default listen backlog of 50 drops connections when hundreds of clients arrive at once (a release
     * going live), so connectors get a deeper queue; a connection idle for the configured time is closed.
     */
    private void configureConnector(ServerConnector connector) {
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setIdleTimeout(config.http().idleTimeout().toMillis());
    }

    /**
     * HTTPS with HTTP/2 (ALPN "h2", falling back to HTTP/1.1). The SNI host check is off: a self-signed certificate
     * on a LAN is reached by an address it may not name, and the app pins the certificate itself rather than
     * trusting names.
     */
    private ServerConnector httpsConnector(Server server, HttpConfiguration h) {
        HttpConfiguration https = new HttpConfiguration(h);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(tls.keyStorePassword());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        HttpConnectionFactory http11 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        return new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, http11);
    }

    private void configure(JavalinConfig c) {
        c.startup.showJavalinBanner = false;
        // Not on SQLite: its busy handler waits in native code, which pins a virtual thread's carrier; with a
        // carrier per core, two requests waiting for the write lock could leave none for the one holding it.
        c.concurrency.useVirtualThreads = db.dialect() != Dialect.SQLITE;
        c.jsonMapper(new JavalinJackson(json, false));
        c.http.prefer405over404 = true;
        c.events.handlerAdded(meta -> routes.add(meta.getHttpMethod() + " " + meta.getPath()));
        c.requestLogger.http(this::logRequest);
        c.jetty.modifyHttpConfiguration(h -> {
            h.addCustomizer(new RequestGuards(config.http().minRequestBytesPerSecond()));
            h.setIdleTimeout(config.http().idleTimeout().toMillis());
        });
        c.jetty.addConnector((server, h) -> {
            ServerConnector main = tls == null ? new ServerConnector(server, new HttpConnectionFactory(h))
                    : httpsConnector(server, h);
            main.setHost(config.host());
            main.setPort(config.port());
            configureConnector(main);
            return main;
        });
        config.http().metricsPort().ifPresent(port -> c.jetty.addConnector((server, h) -> {
            ServerConnector local = new ServerConnector(server, new HttpConnectionFactory(h));
            local.setName(METRICS_CONNECTOR);
            local.setHost("127.0.0.1");
            local.setPort(port);
            configureConnector(local);
            return local;
        }));
        // Errors Jetty answers before Javalin sees the request (%00 in a path, a 20 kB URI) are problems too.
        c.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(json)));

        var r = c.routes;
        r.before(this::beginRequest);

        r.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        r.get("/ready", this::ready);
        r.get("/metrics", this::metrics);
        r.get("/openapi.json", this::openApi);

        r.post("/api/v1/auth/signup", ctx -> ctx.status(201).json(auth.signup(body(ctx, SignupRequest.class),
                clientAddress(ctx))));
        r.post("/api/v1/auth/login", ctx -> ctx.json(auth.login(body(ctx, LoginRequest.class),
                clientAddress(ctx))));
        r.post("/api/v1/auth/refresh", ctx -> ctx.json(auth.refresh(body(ctx, RefreshRequest.class).refreshToken())));
        r.post("/api/v1/auth/logout", this::logout);
        r.get("/api/v1/me", ctx -> ctx.json(auth.me(authenticator.require(ctx))));
        r.post("/api/v1/me/devices/challenge", ctx -> {
            Principal principal = authenticator.require(ctx);
            DeviceChallengeRequest request = ctx.contentLength() > 0
                    ? body(ctx, DeviceChallengeRequest.class) : new DeviceChallengeRequest(null);
            ctx.status(201).header("Cache-Control", "no-store").json(auth.deviceChallenge(principal, request));
        });
        r.post("/api/v1/me/devices", ctx -> ctx.status(201)
                .json(auth.registerDevice(authenticator.require(ctx), body(ctx, DeviceRequest.class))));
        r.get("/api/v1/me/devices", ctx -> ctx.json(auth.devices(authenticator.require(ctx))));
        r.delete("/api/v1/me/devices/{id}", ctx -> {
            auth.removeDevice(authenticator.require(ctx), Http.uuidPath(ctx, "id", "device"));
            ctx.status(204);
        });
        r.patch("/api/v1/me/artist", ctx -> ctx.json(auth.updateArtistProfile(authenticator.requireArtist(ctx),
                body(ctx, ArtistProfileRequest.class), null)));
        r.put("/api/v1/me/artist/picture", this::putPicture);

        r.post("/api/v1/admin/keys/rotate", ctx -> {
            admin.require(ctx);
            String access = accessKeys.rotate();
            String stream = streamKeys.rotate();
            LOG.info("Signing keys rotated by the admin: {}, {}", access, stream);
            ctx.header("Cache-Control", "no-store").json(Map.of("accessTokenKid", access, "streamUrlKid", stream));
        });

        r.get("/api/v1/tracks", ctx -> ctx.json(catalog.tracks(ctx.queryParam("q"), ctx.queryParam("cursor"),
                Http.intQuery(ctx, "limit", 50, 1, CatalogRepository.MAX_PAGE))));
        r.post("/api/v1/tracks", this::upload);
        r.get("/api/v1/tracks/{id}", ctx -> ctx.json(catalog.track(Http.uuidPath(ctx, "id", "track"))
                .orElseThrow(() -> ApiException.notFound("There is no such track."))));
        r.delete("/api/v1/tracks/{id}", this::deleteTrack);
        r.get("/api/v1/tracks/{id}/stream-url", streams::streamUrl);
        r.get("/api/v1/tracks/{id}/stream", streams::get);
        r.head("/api/v1/tracks/{id}/stream", streams::head);
        r.get("/api/v1/artists/{id}", ctx -> ctx.json(catalog.artist(Http.uuidPath(ctx, "id", "artist"))
                .orElseThrow(() -> ApiException.notFound("There is no such artist."))));
        r.get("/api/v1/releases/{id}", ctx -> ctx.json(catalog.release(Http.uuidPath(ctx, "id", "release"))
                .orElseThrow(() -> ApiException.notFound("There is no such release."))));
        r.get("/api/v1/media/{sha256}", this::image);
        r.post("/api/v1/plays", ctx -> ctx.json(plays.record(authenticator.require(ctx), body(ctx, PlayBatch.class))));
        r.get("/api/v1/me/artist/plays", this::artistPlays);
        r.get("/api/v1/popular", ctx -> ctx.json(plays.popular(Http.intQuery(ctx, "limit", 20, 1, 100))));
        r.get("/api/v1/me/likes", this::likes);
        r.put("/api/v1/me/likes/{trackId}", ctx -> {
            likes.like(authenticator.require(ctx), Http.uuidPath(ctx, "trackId", "track"));
            ctx.status(204);
        });
        r.get("/api/v1/me/playlists", ctx -> ctx.json(playlists.list(authenticator.require(ctx))));
        r.post("/api/v1/me/playlists", ctx -> {
            Playlist created = playlists.create(authenticator.require(ctx), ctx.header("Idempotency-Key"),
                    body(ctx, PlaylistDraft.class));
            ctx.status(201).header("ETag", PlaylistService.etag(created)).json(created);
        });
        r.get("/api/v1/me/playlists/{id}", ctx -> {
            Playlist found = playlists.find(authenticator.require(ctx), Http.uuidPath(ctx, "id", "playlist"))
                    .orElseThrow(() -> ApiException.notFound("There is no such playlist."));
            ctx.header("ETag", PlaylistService.etag(found)).json(found);
        });
        r.put("/api/v1/me/playlists/{id}", ctx -> {
            Principal principal = authenticator.require(ctx);
            String id = Http.uuidPath(ctx, "id", "playlist");
            Playlist updated = playlists.update(principal, id, ifMatchVersion(ctx), body(ctx, PlaylistDraft.class));
            ctx.header("ETag", PlaylistService.etag(updated)).json(updated);
        });
        r.delete("/api/v1/me/playlists/{id}", ctx -> {
            playlists.delete(authenticator.require(ctx), Http.uuidPath(ctx, "id", "playlist"));
            ctx.status(204);
        });
        r.delete("/api/v1/me/likes/{trackId}", ctx -> {
            likes.unlike(authenticator.require(ctx), Http.uuidPath(ctx, "trackId", "track"));
            ctx.status(204);
        });
        r.get("/api/v1/sync", ctx -> ctx.json(feed.page(ctx.queryParam("since"),
                Http.intQuery(ctx, "limit", 500, 1, ChangeFeed.MAX_LIMIT))));
        money.routes(r);

        r.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            problem(ctx, e.type(), e.status(), e.getMessage());
        });
        // Javalin's own 404/405 messages echo the raw path and are not sentences; say it like the error handlers.
        r.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, typeFor(e.getStatus()), e.getStatus(),
                switch (e.getStatus()) {
                    case 404 -> "There is nothing at " + safePath(ctx) + ".";
                    case 405 -> ctx.method() + " is not allowed on " + safePath(ctx) + ".";
                    default -> e.getMessage();
                }));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            problem(ctx, ProblemType.INTERNAL, 500,
                    "Something went wrong on our side. Try again; if it keeps happening, tell us the request id.");
        });
        r.error(404, "*", ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                problem(ctx, ProblemType.NOT_FOUND, 404, "There is nothing at " + safePath(ctx) + ".");
            }
        });
        r.error(405, "*", ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                problem(ctx, ProblemType.BAD_REQUEST, 405, ctx.method() + " is not allowed on " + safePath(ctx) + ".");
            }
        });
    }

    /** The client's address for limits: the TCP peer, or what a configured trusted proxy says it saw. */
    private String clientAddress(Context ctx) {
        return config.auth().trustedProxies().clientAddress(ctx.req().getRemoteAddr(),
                ctx.header("X-Forwarded-For"));
    }

    private <T> T body(Context ctx, Class<T> type) {
        return Http.body(ctx, json, type);
    }

    /** The listener's likes, tagged: asked again with the tag while nothing changed, 304 and no body. */
    private void likes(Context ctx) {
        Likes mine = likes.likes(authenticator.require(ctx));
        String etag = LikeService.etag(mine);
        ctx.header("ETag", etag).header("Cache-Control", "no-store");
        if (Http.notModified(ctx, etag)) {
            ctx.status(304);
        } else {
            ctx.json(mine);
        }
    }

    private void beginRequest(Context ctx) {
        String incoming = ctx.header("X-Request-Id");
        boolean valid = incoming != null && REQUEST_ID.matcher(incoming).matches();
        String id = valid ? incoming : newRequestId();
        MDC.put("requestId", id);
        ctx.attribute("nd.requestId", id);
        ctx.header("X-Request-Id", id);
        String path = ctx.path();
        if (onMetricsPort(ctx) && !path.equals("/metrics")) {
            throw ApiException.notFound("Only /metrics is served on this port.");
        }
        if (NO_STORE.stream().anyMatch(path::startsWith)) {
            ctx.header("Cache-Control", "no-store");
        }
        if (draining && !ctx.path().equals("/health")) {
            ctx.header("Retry-After", "5");
            throw new ApiException(ProblemType.UNAVAILABLE, 503, "The server is shutting down; try again shortly.");
        }
        if (ctx.method() == HandlerType.HEAD && routeTemplates().answersHeadAsGetWithoutHandler(ctx.path())) {
            throw new ApiException(ProblemType.BAD_REQUEST, 405, "HEAD is not answered on " + safePath(ctx)
                    + "; send GET.", Map.of("Allow", "GET"));
        }
    }

    /**
     * The registered GET and HEAD paths, as patterns. Javalin answers HEAD on a GET route that has no HEAD route of
     * its own with an empty 200 without running any handler: no sign-in check, no database check on /ready. Such a
     * HEAD is refused with 405 instead; the routes with a HEAD handler answer it themselves.
     */
    private record RouteTemplates(List<Pattern> get, List<Pattern> head) {

        static RouteTemplates of(List<String> routes) {
            return new RouteTemplates(patterns(routes, "GET "), patterns(routes, "HEAD "));
        }

        private static List<Pattern> patterns(List<String> routes, String method) {
            return routes.stream().filter(r -> r.regionMatches(true, 0, method, 0, method.length())).map(r -> {
                StringBuilder regex = new StringBuilder();
                for (String part : r.substring(method.length()).split("(?=\\{)|(?<=})")) {
                    regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
                }
                return Pattern.compile(regex.toString());
            }).toList();
        }

        boolean answersHeadAsGetWithoutHandler(String path) {
            return get.stream().anyMatch(p -> p.matcher(path).matches())
                    && head.stream().noneMatch(p -> p.matcher(path).matches());
        }
    }

    private RouteTemplates routeTemplates() {
        RouteTemplates t = routeTemplates;
        if (t == null) {
            t = RouteTemplates.of(routes());
            routeTemplates = t;
        }
        return t;
    }

    /** A random id for logs; UUID.randomUUID() would take SecureRandom's lock on every request. */
    private static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    private void logRequest(Context ctx, Float millis) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        int status = ctx.status().getCode();
        metrics.request(ctx.method().name(), route, status, millis);
        if (!route.equals("/metrics") && !route.equals("/health") && !route.equals("/ready")) {
            ACCESS.info("{} {} {} {} ms", ctx.method(), route, status, String.format(Locale.ROOT, "%.1f", millis));
        }
        MDC.remove("requestId");
    }

    private void problem(Context ctx, ProblemType type, int status, String detail) {
        ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
        Problem p = new Problem(type.uri(), type.title(), status, detail, ctx.path(), ctx.attribute("nd.requestId"));
        try {
            ctx.status(status).contentType(Problem.MEDIA_TYPE).result(json.writeValueAsBytes(p));
        } catch (IOException e) {
            ctx.status(status).result(detail);
        }
    }

    private static ProblemType typeFor(int status) {
        return switch (status) {
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 429 -> ProblemType.TOO_MANY_REQUESTS;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST;
        };
    }

    /** The path for an error message, cut short and stripped of anything but printable ASCII. */
    private static String safePath(Context ctx) {
        String p = ctx.path().replaceAll("[^\\x20-\\x7E]", "?");
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }

    /**
     * Prometheus text. With {@code --metrics-port} only there (loopback); otherwise on the main port for the admin
     * token, since route timings and counts tell an outsider how the service is used.
     */
    private void metrics(Context ctx) {
        if (config.http().metricsPort().isPresent()) {
            if (!onMetricsPort(ctx)) {
                throw ApiException.notFound("There is nothing at /metrics on this port.");
            }
        } else {
            money.admin().require(ctx);
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private boolean onMetricsPort(Context ctx) {
        return config.http().metricsPort().isPresent() && ctx.req().getLocalPort() == metricsPort();
    }

    /** The port {@code /metrics} is served on when {@code --metrics-port} is given; -1 otherwise. */
    public int metricsPort() {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc && METRICS_CONNECTOR.equals(sc.getName())) {
                return sc.getLocalPort();
            }
        }
        return -1;
    }

    /** The address the metrics port is bound to, when there is one. */
    public Optional<InetAddress> metricsAddress() {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc && METRICS_CONNECTOR.equals(sc.getName())
                    && sc.getTransport() instanceof ServerSocketChannel channel) {
                try {
                    return Optional.of(((InetSocketAddress) channel.getLocalAddress()).getAddress());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void ready(Context ctx) {
        if (draining) {
            throw new ApiException(ProblemType.UNAVAILABLE, 503, "The server is shutting down.");
        }
        if (!db.isReachable()) {
            throw new ApiException(ProblemType.UNAVAILABLE, 503, "The database is not reachable.");
        }
        ctx.json(Map.of("status", "ready", "database", db.dialect().name().toLowerCase(Locale.ROOT)));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = NormalDanceServer.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new ApiException(ProblemType.INTERNAL, 500, "The API description is missing from this build.");
            }
            ctx.contentType("application/json").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Sign-out with the refresh token in the body, the access token as bearer, or both: an app signing out after a
     * while idle has no live access token, so an expired or revoked bearer is ignored when a refresh token came.
     */
    private void logout(Context ctx) {
        String refresh = null;
        if (ctx.contentType() != null && ctx.contentLength() != 0) {
            refresh = body(ctx, RefreshRequest.class).refreshToken();
        }
        boolean hasRefresh = refresh != null && !refresh.isBlank();
        Principal principal = null;
        if (ctx.header("Authorization") != null) {
            try {
                principal = authenticator.require(ctx);
            } catch (ApiException e) {
                if (!hasRefresh) {
                    throw e;
                }
            }
        }
        if (principal == null && !hasRefresh) {
            throw ApiException.unauthenticated("Send the refresh token (or the access token) of the session to end.");
        }
        auth.logout(principal, refresh);
        ctx.status(204);
    }

    private void upload(Context ctx) throws IOException {
        closingOnRefusal(ctx, () -> {
            Principal principal = authenticator.requireArtist(ctx);
            Artist artist = catalog.artistOfAccount(principal.accountId())
                    .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
            long length = ctx.req().getContentLengthLong();
            ctx.status(201).json(uploads.upload(artist, ctx.contentType(), length, ctx.req().getInputStream()));
        });
    }

    private void putPicture(Context ctx) throws IOException {
        closingOnRefusal(ctx, () -> {
            Principal principal = authenticator.requireArtist(ctx);
            String sha = uploads.storeImage(ctx.req().getInputStream(), 5L * 1024 * 1024);
            ctx.json(auth.updateArtistProfile(principal, new ArtistProfileRequest(null, null), sha));
        });
    }

    /** An upload's work; may stop before reading its body. */
    @FunctionalInterface
    private interface Upload {
        void run() throws IOException;
    }

    /**
     * An upload refused before its body was read leaves that body on the connection, which the server then
     * closes; {@code Connection: close} says so, so the client does not send its next request on it.
     */
    private static void closingOnRefusal(Context ctx, Upload work) throws IOException {
        try {
            work.run();
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
            throw e;
        }
    }

    /** Counts per reason of the plays of the signed-in artist's tracks: what was paid, and why the rest was not. */
    private void artistPlays(Context ctx) {
        Principal principal = authenticator.requireArtist(ctx);
        Artist artist = catalog.artistOfAccount(principal.accountId())
                .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
        ctx.json(plays.reasons(artist.id()));
    }

    private void deleteTrack(Context ctx) {
        Principal principal = authenticator.requireArtist(ctx);
        String id = Http.uuidPath(ctx, "id", "track");
        var file = catalog.storedFile(id).orElseThrow(() -> ApiException.notFound("There is no such track."));
        Artist artist = catalog.artistOfAccount(principal.accountId())
                .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
        if (!artist.id().equals(file.artistId())) {
            throw ApiException.forbidden("This track belongs to another artist.");
        }
        db.jdbi().useTransaction(h -> catalog.deleteTrack(h, id));
        ctx.status(204);
    }

    /** Artwork and artist pictures only: a hash of an audio file is not found here (audio needs a stream URL). */
    private void image(Context ctx) throws IOException {
        String sha = ctx.pathParam("sha256");
        boolean known = sha.matches("^[0-9a-f]{64}$") && db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT (SELECT COUNT(*) FROM releases WHERE artwork_sha256 = :s) "
                                + "+ (SELECT COUNT(*) FROM artists WHERE picture_sha256 = :s)")
                .bind("s", sha).mapTo(Integer.class).one()) > 0;
        Path file = known ? media.find(sha).orElse(null) : null;
        if (file == null) {
            throw ApiException.notFound("There is no such image.");
        }
        String etag = "\"" + sha + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        if (Http.notModified(ctx, etag)) {
            ctx.status(304);
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        ctx.contentType(Images.sniff(bytes, bytes.length).orElse("application/octet-stream"))
                .result(bytes);
    }

    /** Stops taking new requests, lets streams in flight finish (up to 30 s), then stops the server and pool. */
    @Override
    public synchronized void close() {
        if (app == null) {
            return;
        }
        draining = true;
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        try {
            Thread.sleep(100);
            while (metrics.activeStreams() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
        app = null;
        money.close();
        db.close();
        LOG.info("Normal Dance server stopped");
    }
}
