package dance.normal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.server.auth.AdminAuth;
import dance.normal.server.auth.AuthRoutes;
import dance.normal.server.auth.AuthService;
import dance.normal.server.auth.Authenticator;
import dance.normal.server.auth.DeviceRoutes;
import dance.normal.server.auth.KeyRing;
import dance.normal.server.auth.PasswordHasher;
import dance.normal.server.auth.TokenService;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.catalog.CatalogRoutes;
import dance.normal.server.catalog.CatalogService;
import dance.normal.server.chain.Chain;
import dance.normal.server.chain.LedgerChain;
import dance.normal.server.chain.SolanaChain;
import dance.normal.server.db.Database;
import dance.normal.server.db.Dialect;
import dance.normal.server.db.OwnerOnly;
import dance.normal.server.demo.DemoMoney;
import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.Connectors;
import dance.normal.server.http.Json;
import dance.normal.server.http.Problems;
import dance.normal.server.http.RequestContext;
import dance.normal.server.http.RequestPolicy;
import dance.normal.server.http.TlsKeys;
import dance.normal.server.library.LibraryRoutes;
import dance.normal.server.library.LikeService;
import dance.normal.server.library.PlaylistService;
import dance.normal.server.media.AudioInspector;
import dance.normal.server.ops.AdminRoutes;
import dance.normal.server.ops.Metrics;
import dance.normal.server.ops.OpsRoutes;
import dance.normal.server.payments.PaymentRoutes;
import dance.normal.server.plays.PlayRoutes;
import dance.normal.server.quality.QualityMeter;
import dance.normal.server.quality.QualityRoutes;
import dance.normal.server.quality.QualityService;
import dance.normal.server.plays.PlayService;
import dance.normal.server.plays.StreamEvidence;
import dance.normal.server.storage.MediaStore;
import dance.normal.server.stream.ImageRoutes;
import dance.normal.server.stream.StreamRoutes;
import dance.normal.server.stream.StreamUrlSigner;
import dance.normal.server.studio.StudioReleaseService;
import dance.normal.server.studio.StudioRoutes;
import dance.normal.server.studio.StudioTrackService;
import dance.normal.server.tokens.MoneyRoutes;
import dance.normal.server.tokens.StudioMoneyRoutes;
import dance.normal.server.tokens.MoneyServices;
import dance.normal.server.upload.DemoSeeder;
import dance.normal.server.upload.TusRoutes;
import dance.normal.server.upload.TusService;
import dance.normal.server.upload.UploadRoutes;
import dance.normal.server.upload.UploadService;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Normal Dance backend: wires storage, services and the routes of each feature into a Javalin app (on virtual
 * threads with PostgreSQL, on a pool of platform threads with SQLite). Requests pass {@link RequestContext} (request
 * id, access log), {@link RequestPolicy} and, on routes with an access role, {@link AccessGate}; every error leaves
 * through {@link Problems}. {@link #close()} drains: new requests get 503 while streams in flight finish (bounded),
 * then the server stops.
 */
public final class NormalDanceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NormalDanceServer.class);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final Duration EXPIRE_UPLOADS_EVERY = Duration.ofMinutes(10);

    private final ServerConfig config;
    private final Database db;
    private final ObjectMapper json = Json.mapper();
    private final Metrics metrics = new Metrics();
    private final List<String> routes = Collections.synchronizedList(new ArrayList<>());
    private final CatalogRepository catalog;
    private final CatalogService catalogReads;
    private final ChangeFeed feed;
    private final AuthService auth;
    private final Authenticator authenticator;
    private final UploadService uploads;
    private final TusService tus;
    private final ScheduledExecutorService uploadJobs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nd-upload-expiry").daemon().factory());
    private final QualityService quality;
    private final PlayService plays;
    private final MediaStore media;
    private final AudioInspector inspector;
    private final StreamRoutes streams;
    private final MoneyServices money;
    /** The TLS identity, or null for plain http. */
    private final TlsKeys tls;
    private final AdminAuth admin;
    private final KeyRing accessKeys;
    private final KeyRing streamKeys;
    private final Clock clock;
    private volatile boolean draining;
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
        this.catalogReads = new CatalogService(db.jdbi(), catalog, feed);
        this.admin = AdminAuth.from(config.money().adminToken(), config.dataDir());
        this.accessKeys = KeyRing.open(db.jdbi(), TokenService.KEYS, TokenService.ACCESS_TTL, clock);
        this.streamKeys = KeyRing.open(db.jdbi(), StreamUrlSigner.KEYS, StreamUrlSigner.TTL, clock);
        if (config.auth().rotateKeys()) {
            LOG.info("Signing keys rotated at start: {}, {}", accessKeys.rotate(), streamKeys.rotate());
        }
        TokenService tokens = new TokenService(accessKeys, clock);
        this.auth = new AuthService(db.jdbi(), catalog, new PasswordHasher(19 * 1024, 2, 1,
                config.auth().maxHashing()), tokens, clock, config.auth().signupsPerHour());
        this.authenticator = new Authenticator(tokens, auth.sessions());
        this.media = new MediaStore(config.dataDir().resolve("media"));
        this.inspector = new AudioInspector();
        this.quality = new QualityService(db.jdbi(), catalog, media, QualityMeter.fromPath(), clock);
        this.uploads = new UploadService(db.jdbi(), catalog, media, inspector, metrics, config.maxUploadBytes(),
                quality::trackMade);
        this.tus = new TusService(db.jdbi(), uploads, media, clock, config.maxUploadBytes(), config.uploadExpiry());
        this.plays = new PlayService(db.jdbi(), catalog, clock);
        this.streams = new StreamRoutes(catalogReads, media, authenticator,
                new StreamUrlSigner(streamKeys, clock), metrics,
                new StreamEvidence(db.jdbi()), clock, config.http().publicUrl());
        Chain onChain = chain.apply(db);
        try {
            this.money = new MoneyServices(db, catalog, onChain, config.money(), clock, json,
                    () -> config.http().publicUrl().orElseGet(() -> URI.create(baseUrl())));
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
                new DemoMoney(db, server.catalog, server.auth, server.money.chain(), server.json,
                        config.money().perPlayMicros(), clock).seed(config.dataDir());
            }
            server.money.start();
            server.uploadJobs.scheduleWithFixedDelay(server::removeExpiredUploads, 0,
                    EXPIRE_UPLOADS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            server.quality.start();
            server.app = Javalin.create(server::configure).start();
        } catch (RuntimeException e) {
            server.uploadJobs.shutdownNow();
            server.quality.close();
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

    /** Quality reports and fingerprints, for tests that run the analysis themselves. */
    public QualityService quality() {
        return quality;
    }

    /** The money and token services, for tests that audit every invariant or run background jobs on their clock. */
    public MoneyServices money() {
        return money;
    }

    /** Resumable uploads, for tests that run the expiry job on their clock. */
    public TusService tus() {
        return tus;
    }

    private void removeExpiredUploads() {
        try {
            tus.removeExpired();
        } catch (RuntimeException e) {
            LOG.warn("Removing expired uploads failed; tried again in {}", EXPIRE_UPLOADS_EVERY, e);
        }
    }

    /** Method and path of every registered route, as registered (for the OpenAPI completeness test). */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    private void configure(JavalinConfig c) {
        c.startup.showJavalinBanner = false;
        // Not on SQLite: its busy handler waits in native code, which pins a virtual thread's carrier; with a
        // carrier per core, two requests waiting for the write lock could leave none for the one holding it.
        c.concurrency.useVirtualThreads = db.dialect() != Dialect.SQLITE;
        c.jsonMapper(new JavalinJackson(json, false));
        c.http.prefer405over404 = true;
        c.events.handlerAdded(meta -> routes.add(meta.getHttpMethod() + " " + meta.getPath()));
        RequestContext requests = new RequestContext(metrics::request);
        c.requestLogger.http(requests::end);
        new Connectors(config.host(), config.port(), config.http().metricsPort(), tls, config.http().idleTimeout(),
                config.http().minRequestBytesPerSecond()).configure(c, json);

        var r = c.routes;
        RequestPolicy policy = new RequestPolicy(this::onMetricsPort, () -> draining, this::routes);
        r.before(requests::begin);
        r.before(policy::check);
        r.beforeMatched(new AccessGate(authenticator::authenticate, authenticator::artist, header -> {
            admin.check(header);
            return null;
        }));
        new OpsRoutes(db, metrics, admin, config.http().metricsPort().isPresent(), this::onMetricsPort,
                () -> draining).routes(r);
        new AuthRoutes(auth, authenticator, config.auth().trustedProxies(), json).routes(r);
        new DeviceRoutes(auth.deviceService(), json).routes(r);
        new UploadRoutes(uploads, auth).routes(r);
        new TusRoutes(tus).routes(r);
        new QualityRoutes(quality).routes(r);
        new AdminRoutes(accessKeys, streamKeys, money).routes(r);
        new CatalogRoutes(catalogReads, feed).routes(r);
        streams.routes(r);
        new ImageRoutes(catalogReads, media, authenticator).routes(r);
        new PlayRoutes(plays, catalogReads, json).routes(r);
        new LibraryRoutes(new LikeService(db.jdbi(), catalog, clock), new PlaylistService(db.jdbi(), clock), json)
                .routes(r);
        new MoneyRoutes(money, json).routes(r);
        new StudioMoneyRoutes(money, json).routes(r);
        new PaymentRoutes(money.stripeWebhook()).routes(r);
        new StudioRoutes(new StudioTrackService(db.jdbi(), catalog, clock, quality::awaitAnalysis),
                new StudioReleaseService(db.jdbi(), catalog, clock, quality::awaitAnalysis), uploads, json).routes(r);
        new Problems(json).install(r);
    }

    private boolean onMetricsPort(Context ctx) {
        return config.http().metricsPort().isPresent() && ctx.req().getLocalPort() == metricsPort();
    }

    /** The port {@code /metrics} is served on when {@code --metrics-port} is given; -1 otherwise. */
    public int metricsPort() {
        return Connectors.metricsPort(app);
    }

    /** The address the metrics port is bound to, when there is one. */
    public Optional<InetAddress> metricsAddress() {
        return Connectors.metricsAddress(app);
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
        uploadJobs.shutdownNow();
        quality.close();
        money.close();
        db.close();
        LOG.info("Normal Dance server stopped");
    }
}
