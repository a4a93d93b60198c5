package dance.normal.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.app.ui.Background;
import dance.normal.player.AudioEngine;
import dance.normal.player.Playable;
import dance.normal.player.Player;
import dance.normal.player.audio.FilePlayerSettings;
import dance.normal.player.audio.TrackGain;
import dance.normal.player.mpris.PlayerMpris;
import dance.normal.player.plays.QualifiedPlay;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.vlc.VlcEngine;
import dance.normal.protocol.Money;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.AuthMessages;
import dance.normal.protocol.auth.Device;
import dance.normal.protocol.auth.DeviceChallenge;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceProof;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.plays.Popular;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.protocol.plays.PlayReceipts;
import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.LedgerPage;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.PurchaseRequest;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.QuoteRequest;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.protocol.tokens.Topup;
import dance.normal.protocol.tokens.TopupRequest;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.CertificatePins;
import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.ServerIds;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.api.UnreachableException;
import dance.normal.sync.api.UntrustedCertificateException;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.SyncService;
import dance.normal.sync.TrackSource;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.library.Library;
import dance.normal.sync.library.LocalPlaylist;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.store.LocalStore;
import dance.normal.wallet.Wallet;
import dance.normal.wallet.WalletException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.policy.PriceBook;
import dance.normal.wallet.policy.SigningPolicy;
import dance.normal.wallet.policy.SpendingLedger;
import dance.normal.wallet.policy.SpendingLimits;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import dance.normal.wallet.unlock.DeviceSecretStore;
import dance.normal.wallet.unlock.DeviceSecretStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A signed-in listener on this device: the API client holding their tokens, their local store with the catalog
 * mirror, and their wallet. The wallet is made (or opened) invisibly at sign-up and sign-in and its public key is
 * registered with the account; no recovery phrase is shown. Every method does I/O and refuses the FX thread.
 */
public final class Session implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Session.class);

    private final ApiClient api;
    private final TokenStore tokens;
    private final LocalStore store;
    private final CatalogMirror mirror;
    private final CatalogSync catalog;
    private final Wallet wallet;
    private final String email;
    private final DownloadManager downloads;
    private final Outbox outbox;
    private final SyncService sync;
    private final Library library;
    private final TrackSource sources;
    private final PlayQueue queue = new PlayQueue();
    private final QueueMemory queueMemory;
    private final Player player;
    private final PlayerMpris mpris;
    private final ArtworkCache artwork;
    /** The listener's spending limits on this device and what was spent today, beside the wallet. */
    private final SpendingLedger spendingLedger;
    private final SigningPolicy spendingPolicy;

    private Session(ApiClient api, LocalStore store, Wallet wallet, String email, Path userDir, TokenStore tokens,
                    Path trustedCertificates) {
        this.api = api;
        this.tokens = tokens;
        this.store = store;
        this.mirror = new CatalogMirror(store);
        this.catalog = new CatalogSync(api, store, mirror);
        this.wallet = wallet;
        this.email = email;
        this.downloads = new DownloadManager(api, store, mirror, userDir.resolve("downloads"), AppPrefs.DEFAULT_BUDGET,
                DownloadManager.DEFAULT_CONCURRENCY, Clock.systemUTC());
        this.outbox = new Outbox(store, api, Clock.systemUTC());
        // Every 15 s while online; -Dnd.syncSeconds=N changes it (tests use 1).
        this.sync = new SyncService(catalog, outbox, Clock.systemUTC(),
                Duration.ofSeconds(Long.getLong("nd.syncSeconds", 15)));
        this.library = new Library(store, api, outbox, Clock.systemUTC());
        library.useDownloads(downloads);
        sync.syncLibrary(library);
        this.sources = new TrackSource(api, mirror, downloads, () -> sync.status().online());
        this.queueMemory = new QueueMemory(userDir.resolve("queue.json"), queue);
        this.spendingLedger = new SpendingLedger(userDir.resolve("spending.json"), Clock.systemUTC(),
                ZoneId.systemDefault());
        this.spendingPolicy = new SigningPolicy(PriceBook.empty(), spendingLedger);
        this.artwork = new ArtworkCache(api.http(), okhttp3.HttpUrl.get(api.baseUrl()), userDir.resolve("artwork"));
        this.player = new Player(() -> engine(trustedCertificates), queue, item -> {
            TrackSource.Resolved resolved = sources.resolve(item.trackId());
            return new Playable(resolved.uri(), TrackGain.fromLoudness(resolved.loudnessLufs(),
                    resolved.peakDbfs()));
        }, Clock.systemUTC(), this::played, new FilePlayerSettings(userDir.resolve("player.properties")));
        queueMemory.restoreInto(player);
        // Media keys and the desktop's media controls, with the release and its artwork; nothing without a bus.
        this.mpris = PlayerMpris.attach(player, trackId -> mirror.track(trackId).map(t -> new PlayerMpris.Extras(
                t.releaseTitle() == null ? "" : t.releaseTitle(),
                artwork.file(t.artworkUrl()).map(f -> f.toUri().toString()).orElse(null)))
                .orElse(PlayerMpris.Extras.NONE));
        knowDevice(false);
        downloads.start();
        sync.start();
    }

    private static final String DEVICE_KEY = "app.device.";

    /**
     * Finds which registered device this wallet is (kept in the local store; asked of the server once, when
     * {@code askServer}), so stream URLs name it and downloads and plays of downloaded tracks are this device's
     * (decision 0024). Stays unknown while offline and the store has none; it is asked again at the next play.
     */
    private Optional<String> knowDevice(boolean askServer) {
        Optional<String> known = api.device();
        if (known.isPresent()) {
            return known;
        }
        String key = DEVICE_KEY + wallet.address();
        Optional<String> kept = store.read(c -> LocalStore.state(c, key));
        if (kept.isEmpty() && askServer) {
            try {
                kept = api.me().devices().stream().filter(d -> d.publicKey().equals(wallet.address()))
                        .map(Device::id).findFirst();
            } catch (RuntimeException e) {
                LOG.debug("The device is not known yet: {}", e.getMessage());
                return Optional.empty();
            }
            kept.ifPresent(id -> store.write(c -> {
                LocalStore.setState(c, key, id);
                return null;
            }));
        }
        kept.ifPresent(api::useDevice);
        return kept;
    }

    /**
     * libVLC with the system's audio output, or with none under {@code -Dnd.audio=dummy} (tests, CI), trusting over
     * https the certificates the listener pinned as well as the system's authorities (decision 0028).
     */
    private static AudioEngine engine(Path trustedCertificates) {
        VlcEngine engine = "dummy".equals(System.getProperty("nd.audio"))
                ? VlcEngine.headless(Duration.ofSeconds(10))
                : new VlcEngine(List.of("--no-video"), Duration.ofSeconds(10));
        engine.trustCertificatesIn(trustedCertificates);
        return engine;
    }

    /**
     * A play that counts goes to the outbox, and on to the server (royalties) when it can be reached. A play of a
     * downloaded track (played from the file, as {@link TrackSource} prefers it) is signed by the wallet as this
     * device's receipt, the server's only evidence of it (decision 0024); a streamed one needs none, the server
     * saw the stream.
     */
    private void played(QualifiedPlay play) {
        PlayEvent event = new PlayEvent(play.playId(), play.trackId(), play.startedAt(), play.playedMs());
        Optional<String> device = downloads.verifiedFile(play.trackId()).isPresent()
                ? knowDevice(sync.status().online()) : Optional.empty();
        if (device.isPresent()) {
            outbox.recordReceipt(event, device.get(), text -> Base58.encode(wallet.sign(OffchainMessage.create(
                    PlayReceipts.applicationDomain(), List.of(Address.of(wallet.address())), text).serialize())));
        } else {
            outbox.recordPlay(event);
        }
        changedLocally();
    }

    /** Creates the account, then the wallet (sealed with the account password) and registers it. */
    public static Session signUp(AppConfig config, String email, char[] password) {
        return open(config, email, password, true);
    }

    public static Session signIn(AppConfig config, String email, char[] password) {
        return open(config, email, password, false);
    }

    /**
     * The session saved on this device by the last sign-in, if its tokens still work (or the server cannot be reached
     * to say otherwise): a restart stays signed in, also offline, and the wallet opens with its device secret,
     * without the password.
     */
    public static Optional<Session> resume(AppConfig config) {
        Background.requireBackground("Resuming the session");
        TokenStore tokens = tokens(config);
        if (tokens.current().isEmpty()) {
            return Optional.empty();
        }
        ApiClient api = client(config, tokens);
        try {
            Me me;
            boolean online = true;
            try {
                me = api.me();
            } catch (UnreachableException offline) {
                online = false;
                // Offline start: who signed in is in the saved session; the server hears from us when it is back.
                me = tokens.current().map(TokenPair::me).orElseThrow(() -> offline);
            }
            Path userDir = config.dataDir().resolve("users").resolve(ServerIds.requireId("account", me.id()));
            if (!Files.exists(userDir.resolve("wallet.json"))) {
                api.close();
                return Optional.empty();
            }
            Wallet wallet = Wallet.open(userDir.resolve("wallet.json"), secrets(userDir));
            Session session = new Session(api, LocalStore.forUser(config.dataDir(), me.id()), wallet, me.email(),
                    userDir, tokens, pins(config.dataDir()).trustDirectory());
            session.knowDevice(online);
            return Optional.of(session);
        } catch (RuntimeException e) {
            api.close();
            if (e instanceof ProblemException) {
                tokens.clear(); // refused: sign in again
            }
            return Optional.empty();
        }
    }

    /**
     * A new demo listener with money to spend, for {@code ./nd demo}: a fresh account whose password is random and
     * never shown (the session is saved, so later starts resume it), topped up with the test card.
     */
    public static Session demoListener(AppConfig config, long topUpMicros) {
        Background.requireBackground("Making the demo listener");
        char[] password = new char[24];
        java.security.SecureRandom random = new java.security.SecureRandom();
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (int i = 0; i < password.length; i++) {
            password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        Session session = signUp(config, "listener-" + UUID.randomUUID().toString().substring(0, 8)
                + DEMO_DOMAIN, password); // wipes the password
        try {
            session.topUp(topUpMicros, "4242 4242 4242 4242", UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            LOG.warn("The demo listener could not be topped up: {}", e.getMessage());
        }
        return session;
    }

    /**
     * Whether a Normal Dance server answers at {@code server} (its API description says so), asked once, within
     * seconds.
     *
     * @throws UnreachableException when nothing answers there
     */
    public static boolean isNormalDanceServer(URI server) {
        return isNormalDanceServer(server, Optional.empty());
    }

    /**
     * As {@link #isNormalDanceServer(URI)}, trusting over https only the certificate with {@code pinned} when given
     * (one the listener is trusting on first use).
     *
     * @throws UntrustedCertificateException when the server presents another certificate than {@code pinned}
     */
    public static boolean isNormalDanceServer(URI server, Optional<String> pinned) {
        Background.requireBackground("Checking a server");
        ApiClient.Options quick = new ApiClient.Options(Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1, Duration.ofMillis(200), Duration.ofSeconds(1), 1, Duration.ofSeconds(1));
        try (ApiClient api = new ApiClient(server, TokenStore.inMemory(), quick, Clock.systemUTC(), pinned)) {
            return api.get("/openapi.json", JsonNode.class).path("info").path("title").asText()
                    .equals("Normal Dance");
        } catch (UnreachableException | UntrustedCertificateException e) {
            throw e;
        } catch (ApiException e) {
            return false; // something answers, but not with our API description
        }
    }

    private static final String DEMO_DOMAIN = "@demo.normal.dance";

    /** Whether this is a demo listener from {@link #demoListener}: no one knows its password. */
    public boolean isDemoListener() {
        return email.endsWith(DEMO_DOMAIN);
    }

    /**
     * A client of the configured server that trusts, over https, the certificate the listener pinned for it on
     * first use (a self-signed LAN server, decision 0028), or else the system's authorities.
     */
    private static ApiClient client(AppConfig config, TokenStore tokens) {
        return new ApiClient(config.server(), tokens, ApiClient.Options.defaults(), Clock.systemUTC(),
                pins(config.dataDir()).pinned(config.server()));
    }

    /** The certificates pinned on first use, kept beside the app's settings. */
    public static CertificatePins pins(Path dataDir) {
        return new CertificatePins(dataDir.resolve("pinned-certificates.properties"));
    }

    /** The tokens this device keeps for {@code config}'s server (package-private for tests). */
    static TokenStore tokens(AppConfig config) {
        // The secret store names keys by a lowercase UUID: one derived from the server, one session per server.
        String id = UUID.nameUUIDFromBytes(("session " + config.server()).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new DeviceTokenStore(DeviceSecretStores.forThisDevice(config.dataDir().resolve("device-keys")), id,
                config.dataDir().resolve("sessions").resolve(id + ".bin"));
    }

    private static DeviceSecretStore secrets(Path userDir) {
        return DeviceSecretStores.forThisDevice(userDir.resolve("device-keys"));
    }

    /** Signs out on this device: the saved session is forgotten (the wallet stays, for the next sign-in). */
    public void signOut() {
        Background.requireBackground("Signing out");
        try {
            api.signOut();
        } finally {
            tokens.clear();
        }
    }

    private static Session open(AppConfig config, String email, char[] password, boolean create) {
        Background.requireBackground("Signing in");
        TokenStore tokens = tokens(config);
        ApiClient api = client(config, tokens);
        try {
            TokenPair pair = create
                    ? api.signUp(new SignupRequest(email, password.clone(), Role.LISTENER, null))
                    : api.signIn(new LoginRequest(email, password.clone(), deviceProof(config, email)));
            String userId = ServerIds.requireId("account", pair.me().id()); // a folder is named after it
            rememberAccount(config, pair.me().email(), userId);
            LocalStore store = LocalStore.forUser(config.dataDir(), userId);
            Wallet wallet = wallet(config.dataDir().resolve("users").resolve(userId), password);
            if (pair.me().devices().stream().noneMatch(d -> d.publicKey().equals(wallet.address()))) {
                registerDevice(api, wallet, userId, password);
            }
            Session session = new Session(api, store, wallet, pair.me().email(),
                    config.dataDir().resolve("users").resolve(userId), tokens, pins(config.dataDir()).trustDirectory());
            session.knowDevice(true);
            return session;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * When this device signed in to the account before, its wallet signs the sign-in (email and time), so the
     * server counts it against this device, not the account: strangers' wrong passwords cannot lock the owner out
     * here. Null when this device has no wallet for the account (or it cannot be opened without the password).
     */
    private static DeviceProof deviceProof(AppConfig config, String email) {
        Optional<String> userId = rememberedAccount(config, email);
        if (userId.isEmpty()) {
            return null;
        }
        Path userDir = config.dataDir().resolve("users").resolve(userId.get());
        if (!Files.exists(userDir.resolve("wallet.json"))) {
            return null;
        }
        try (Wallet wallet = Wallet.open(userDir.resolve("wallet.json"), secrets(userDir))) {
            Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            byte[] message = OffchainMessage.create(TokenMessages.applicationDomain(),
                    List.of(Address.of(wallet.address())), AuthMessages.signIn(email, at)).serialize();
            return new DeviceProof(wallet.address(), at, Base58.encode(wallet.sign(message)));
        } catch (RuntimeException e) {
            LOG.info("This device's wallet could not vouch for the sign-in ({}); signing in without it",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** Which account folder belongs to an email on this device (kept in {@code accounts.properties}). */
    private static Optional<String> rememberedAccount(AppConfig config, String email) {
        java.util.Properties known = new java.util.Properties();
        Path file = config.dataDir().resolve("accounts.properties");
        try (var in = Files.newInputStream(file)) {
            known.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(known.getProperty(email.strip().toLowerCase(java.util.Locale.ROOT)))
                .filter(id -> id.matches("[0-9a-f-]{36}"));
    }

    private static void rememberAccount(AppConfig config, String email, String userId) {
        java.util.Properties known = new java.util.Properties();
        Path file = config.dataDir().resolve("accounts.properties");
        try {
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    known.load(in);
                }
            }
            known.setProperty(email.strip().toLowerCase(java.util.Locale.ROOT), userId);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            known.store(out, "Accounts that signed in on this device: email = account folder");
            Files.createDirectories(config.dataDir());
            dance.normal.wallet.keystore.OwnerOnlyFiles.write(file, out.toByteArray());
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not note which account signed in here ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * Adds this device's wallet key to the account: the server's challenge (checked to be ours: our domain, this
     * wallet as its signer, this account), signed by the wallet to prove it holds the key, with the password as the
     * step-up. The password travels only inside the request (as characters, wiped after).
     */
    private static void registerDevice(ApiClient api, Wallet wallet, String accountId, char[] password) {
        DeviceChallenge challenge = api.call("POST", "/api/v1/me/devices/challenge",
                new DeviceChallengeRequest(wallet.address()), DeviceChallenge.class, Map.of(), false);
        byte[] message = Base64.getDecoder().decode(challenge.message());
        OffchainMessage decoded = OffchainMessage.decode(message);
        if (!Arrays.equals(decoded.applicationDomain(), TokenMessages.applicationDomain())
                || !decoded.signers().equals(List.of(Address.of(wallet.address())))
                || !decoded.text().startsWith("Normal Dance: add this device\n")
                || !decoded.text().contains("(" + accountId + ")")) {
            throw new IllegalStateException("The server's device challenge is not for this wallet and account; "
                    + "nothing was signed.");
        }
        String signature = Base58.encode(wallet.sign(message));
        char[] stepUp = password.clone();
        try {
            api.call("POST", "/api/v1/me/devices", new DeviceRequest(wallet.address(), "This computer", stepUp,
                    challenge.challengeId(), signature), Device.class, Map.of(), false);
        } finally {
            Arrays.fill(stepUp, '\0');
        }
    }

    /** The account's devices (each holds a wallet key that can sign for the account). */
    public List<Device> devices() {
        Background.requireBackground("Reading devices");
        return Arrays.asList(api.get("/api/v1/me/devices", Device[].class));
    }

    /** Removes one of the account's devices: its key signs nothing for the account from now on. */
    public void removeDevice(String deviceId) {
        Background.requireBackground("Removing a device");
        api.call("DELETE", "/api/v1/me/devices/" + UUID.fromString(deviceId), null, Void.class, Map.of(), true);
    }

    private static Wallet wallet(Path userDir, char[] password) {
        try {
            Files.createDirectories(userDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = userDir.resolve("wallet.json");
        return Files.exists(file) ? Wallet.open(file, secrets(userDir))
                : Wallet.create(file, "Normal Dance", password, secrets(userDir));
    }

    /** Brings the catalog mirror up to date; returns the changes applied. */
    public int syncCatalog() {
        Background.requireBackground("Syncing the catalog");
        return catalog.pull();
    }

    /** Tracks matching {@code text} in the local mirror, best first. */
    public List<Track> search(String text, int limit) {
        Background.requireBackground("Searching");
        return mirror.search(text, limit);
    }

    /** The track's token offering, or empty when it has none. */
    public Optional<Offering> offering(String trackId) {
        Background.requireBackground("Reading an offering");
        try {
            return Optional.of(api.get("/api/v1/offerings/" + trackId, Offering.class));
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Quote quote(String trackId, long quantity) {
        Background.requireBackground("Asking for a quote");
        return api.call("POST", "/api/v1/quotes", new QuoteRequest(trackId, quantity, wallet.address()),
                Quote.class, Map.of(), false);
    }

    /**
     * Signs the quote with the wallet, after checking that the bytes it signs say exactly what the quote says, name
     * this wallet and pay the quote's total, then buys under {@code key} (the same key again returns the first
     * answer). The signature goes through the wallet's signing policy: within the listener's spending limits it is
     * made at once; above them it needs the account password, and a wrong one signs nothing.
     *
     * @param password the account password when the listener was asked for it, else null; wiped here
     * @throws dance.normal.wallet.WalletException {@code PASSWORD_REQUIRED} (nothing signed: ask for the password
     *                                             and call again), {@code WRONG_PASSWORD}, {@code TOO_MANY_ATTEMPTS}
     */
    public Purchase buy(Quote quote, String key, char[] password) {
        try {
            Background.requireBackground("Buying");
            byte[] message = Base64.getDecoder().decode(quote.message());
            OffchainMessage decoded = OffchainMessage.decode(message);
            Money total = Money.ofMicros(quote.totalMicros());
            if (!decoded.text().equals(quote.text())
                    || !decoded.signers().equals(List.of(Address.of(wallet.address())))
                    || !Arrays.equals(decoded.applicationDomain(), TokenMessages.applicationDomain())
                    || !decoded.text().contains("\nPay " + total.format() + " from my Normal Dance balance\n")) {
                throw new IllegalStateException("The message to sign does not match the quote; nothing was signed.");
            }
            String signature = Base58.encode(wallet.signSpending(message, total, spendingPolicy, password));
            return api.call("POST", "/api/v1/purchases", new PurchaseRequest(quote.id(), signature), Purchase.class,
                    Map.of("Idempotency-Key", key), true);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The listener's spending limits on this device: above either, a purchase asks for the password. */
    public SpendingLimits spendingLimits() {
        Background.requireBackground("Reading the spending limits");
        return spendingLedger.limits();
    }

    /**
     * Sets the spending limits. Lowering them needs nothing; raising either needs the account password (checked by
     * the wallet, with its back-off), so whoever finds the app open cannot lift them and then spend.
     *
     * @param password the account password, or null when the limits only go down; wiped here
     * @throws dance.normal.wallet.WalletException {@code PASSWORD_REQUIRED} when raising without it,
     *                                             {@code WRONG_PASSWORD}, {@code TOO_MANY_ATTEMPTS}
     */
    public void setSpendingLimits(SpendingLimits limits, char[] password) {
        try {
            Background.requireBackground("Changing the spending limits");
            SpendingLimits now = spendingLedger.limits();
            if (limits.perPurchase().compareTo(now.perPurchase()) > 0 || limits.perDay().compareTo(now.perDay()) > 0) {
                if (password == null || password.length == 0) {
                    throw new WalletException(WalletException.Kind.PASSWORD_REQUIRED,
                            "Raising a spending limit needs your password.");
                }
                wallet.verifyPassword(password);
            }
            spendingLedger.setLimits(limits);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Adds money with {@code card} (a test card number or a token), or on Stripe's page when it is blank. */
    public Topup topUp(long micros, String card, String key) {
        Background.requireBackground("Topping up");
        String method = card == null || card.isBlank() ? Topup.CHECKOUT : card;
        return api.call("POST", "/api/v1/me/topups", new TopupRequest(micros, method), Topup.class,
                Map.of("Idempotency-Key", key), true);
    }

    /** Where a top-up stands now (a queued or pending one goes on by itself on the server). */
    public Topup topup(String id) {
        Background.requireBackground("Reading a top-up");
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("The server sent a top-up id that is not one");
        }
        return api.call("GET", "/api/v1/me/topups/" + id, null, Topup.class, Map.of(), true);
    }

    /**
     * What the server said, or, when it cannot be reached, what it said last time (kept in the listener's local
     * store), with when.
     *
     * @param value   what was said
     * @param asOf    when the server said it
     * @param offline whether this is the copy kept here
     */
    public record Seen<T>(T value, Instant asOf, boolean offline) {
    }

    /** The wallet: balance, earnings and the latest entries, and the tokens held. */
    public record WalletState(LedgerPage ledger, Holdings holdings) {
    }

    /** The wallet now, or as last seen here when offline. */
    public Seen<WalletState> walletState() {
        Background.requireBackground("Reading the wallet");
        return kept("app.wallet.last", WalletState.class, () -> new WalletState(ledger(), holdings()));
    }

    /**
     * Asks the server and keeps the answer under {@code key}; when the server cannot be reached, the answer kept
     * last time (or the {@link UnreachableException} when there is none).
     */
    private <T> Seen<T> kept(String key, Class<T> type, Supplier<T> fromServer) {
        ObjectMapper json = ApiClient.mapper();
        try {
            Seen<T> now = new Seen<>(fromServer.get(), Instant.now(), false);
            String text = json.writeValueAsString(json.createObjectNode().put("asOf", now.asOf().toString())
                    .set("value", json.valueToTree(now.value())));
            store.write(c -> {
                LocalStore.setState(c, key, text);
                return null;
            });
            return now;
        } catch (UnreachableException offline) {
            Optional<String> text = store.read(c -> LocalStore.state(c, key));
            if (text.isEmpty()) {
                throw offline;
            }
            try {
                JsonNode last = json.readTree(text.get());
                return new Seen<>(json.treeToValue(last.required("value"), type),
                        Instant.parse(last.required("asOf").asText()), true);
            } catch (JsonProcessingException | RuntimeException unreadable) {
                LOG.warn("The copy of {} kept here cannot be read ({}); it is ignored", key,
                        unreadable.getClass().getSimpleName());
                throw offline;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public LedgerPage ledger() {
        Background.requireBackground("Reading the balance");
        return api.get("/api/v1/me/ledger?limit=50", LedgerPage.class);
    }

    public Holdings holdings() {
        Background.requireBackground("Reading holdings");
        return api.get("/api/v1/me/holdings", Holdings.class);
    }

    /** The wallet's recovery phrase, for the listener to write down; needs their password. The caller wipes it. */
    public char[] recoveryPhrase(char[] password) {
        Background.requireBackground("Reading the recovery phrase");
        try {
            return wallet.exportRecoveryPhrase(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public URI server() {
        return api.baseUrl();
    }

    public Player player() {
        return player;
    }

    public String email() {
        return email;
    }

    public String walletAddress() {
        return wallet.address();
    }

    /** Whether tracks can play now, and why not, from local knowledge (downloads, mirror, the sync status). */
    public Map<String, TrackSource.Status> availability(List<Track> tracks) {
        Background.requireBackground("Checking what can play");
        return sources.availability(tracks);
    }

    /** Release artwork, cached on disk and in memory; blocking, so from the background. */
    public Optional<javafx.scene.image.Image> artwork(String url, int size) {
        Background.requireBackground("Loading artwork");
        return artwork.image(url, size);
    }

    public SyncService sync() {
        return sync;
    }

    public DownloadManager downloads() {
        return downloads;
    }

    /** Likes or unlikes a track: at once here, on the server as soon as it can be reached. */
    public void setLiked(String trackId, boolean liked) {
        Background.requireBackground("Liking a track");
        library.setLiked(trackId, liked);
        changedLocally();
    }

    public boolean isLiked(String trackId) {
        Background.requireBackground("Reading likes");
        return library.isLiked(trackId);
    }

    /** The liked tracks, the latest like first. */
    public List<Track> likedTracks() {
        Background.requireBackground("Reading likes");
        return mirror.liked();
    }

    /** The tracks kept whole on this device (they play offline), in the order they were asked for. */
    public List<Track> downloadedTracks() {
        Background.requireBackground("Reading downloads");
        return downloads.verifiedTrackIds().stream().map(mirror::track).flatMap(Optional::stream).toList();
    }

    public List<LocalPlaylist> playlists() {
        Background.requireBackground("Reading playlists");
        return library.playlists();
    }

    public List<Track> tracksOf(LocalPlaylist playlist) {
        Background.requireBackground("Reading a playlist");
        return playlist.trackIds().stream().map(mirror::track).flatMap(Optional::stream).toList();
    }

    /** Makes a playlist with these tracks; returns its local id. */
    public String createPlaylist(String name, List<String> trackIds) {
        Background.requireBackground("Making a playlist");
        String id = library.createPlaylist(name, trackIds);
        changedLocally();
        return id;
    }

    /** Adds a track at the end of a playlist (once: a track already there stays where it is). */
    public void addToPlaylist(String localId, String trackId) {
        Background.requireBackground("Changing a playlist");
        LocalPlaylist p = library.playlist(localId).orElseThrow(() -> new IllegalArgumentException(
                "No such playlist"));
        if (!p.trackIds().contains(trackId)) {
            List<String> tracks = new java.util.ArrayList<>(p.trackIds());
            tracks.add(trackId);
            library.updatePlaylist(localId, p.name(), tracks);
            changedLocally();
        }
    }

    /** Something waits in the outbox: the status shows it, and it goes out now if the server can be reached. */
    private void changedLocally() {
        sync.outboxChanged();
        sync.syncNow();
    }

    /** Releases, newest first, from the mirror (works offline). */
    public List<Release> newReleases(int limit) {
        Background.requireBackground("Reading releases");
        return mirror.newReleases(limit);
    }

    public Optional<Release> release(String id) {
        Background.requireBackground("Reading a release");
        return mirror.release(id);
    }

    public List<Track> tracksOfRelease(String releaseId) {
        Background.requireBackground("Reading a release");
        return mirror.tracksOfRelease(releaseId);
    }

    public Optional<Artist> artist(String id) {
        Background.requireBackground("Reading an artist");
        return mirror.artist(id);
    }

    public List<Release> releasesOfArtist(String artistId) {
        Background.requireBackground("Reading an artist");
        return mirror.releasesOfArtist(artistId);
    }

    public List<Track> tracksOfArtist(String artistId) {
        Background.requireBackground("Reading an artist");
        return mirror.tracksOfArtist(artistId);
    }

    /**
     * The most played tracks of the last 30 days, as far as the mirror knows them: from the server, or as it said
     * last time when offline.
     */
    public Seen<List<Track>> popular(int limit) {
        Background.requireBackground("Reading what is popular");
        Seen<Popular> seen = kept("app.popular.last", Popular.class,
                () -> api.get("/api/v1/popular?limit=" + limit, Popular.class));
        return new Seen<>(seen.value().tracks().stream().limit(limit).map(e -> mirror.track(e.trackId()))
                .flatMap(Optional::stream).toList(), seen.asOf(), seen.offline());
    }

    /** What was played lately on this device, the latest first. */
    public List<Track> recentlyPlayed() {
        Background.requireBackground("Reading what was played");
        return queueMemory.recent().stream().map(mirror::track).flatMap(Optional::stream).toList();
    }

    public Optional<Track> track(String trackId) {
        Background.requireBackground("Reading a track");
        return mirror.track(trackId);
    }

    @Override
    public void close() {
        sync.close();
        mpris.close();
        player.close();
        queueMemory.save();
        downloads.close();
        wallet.close();
        store.close();
        api.close();
    }
}
