package dance.normal.app;

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
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.plays.PlayEvent;
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
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.TrackSource;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.store.LocalStore;
import dance.normal.wallet.Wallet;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import dance.normal.wallet.unlock.DeviceSecretStore;
import dance.normal.wallet.unlock.DeviceSecretStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signed-in listener on this device: the API client holding their tokens, their local store with the catalog
 * mirror, and their wallet. The wallet is made (or opened) invisibly at sign-up and sign-in and its public key is
 * registered with the account; no recovery phrase is shown. Every method does I/O and refuses the FX thread.
 */
public final class Session implements AutoCloseable {

    private static final long DOWNLOAD_BUDGET = 4L * 1024 * 1024 * 1024;

    private final ApiClient api;
    private final LocalStore store;
    private final CatalogMirror mirror;
    private final CatalogSync catalog;
    private final Wallet wallet;
    private final String email;
    private final DownloadManager downloads;
    private final Outbox outbox;
    private final Player player;
    private final PlayerMpris mpris;

    private Session(ApiClient api, LocalStore store, Wallet wallet, String email, Path userDir) {
        this.api = api;
        this.store = store;
        this.mirror = new CatalogMirror(store);
        this.catalog = new CatalogSync(api, store, mirror);
        this.wallet = wallet;
        this.email = email;
        this.downloads = new DownloadManager(api, store, mirror, userDir.resolve("downloads"), DOWNLOAD_BUDGET,
                DownloadManager.DEFAULT_CONCURRENCY, Clock.systemUTC());
        this.outbox = new Outbox(store, api, Clock.systemUTC());
        TrackSource sources = new TrackSource(api, mirror, downloads, () -> true);
        this.player = new Player(Session::engine, new PlayQueue(), item -> {
            TrackSource.Resolved resolved = sources.resolve(item.trackId());
            return new Playable(resolved.uri(), TrackGain.fromLoudness(resolved.loudnessLufs(),
                    resolved.peakDbfs()));
        }, Clock.systemUTC(), this::played, new FilePlayerSettings(userDir.resolve("player.properties")));
        this.mpris = PlayerMpris.attach(player); // media keys; does nothing without a session bus
    }

    /** libVLC with the system's audio output, or with none under {@code -Dnd.audio=dummy} (tests, CI). */
    private static AudioEngine engine() {
        return "dummy".equals(System.getProperty("nd.audio"))
                ? VlcEngine.headless(Duration.ofSeconds(10))
                : new VlcEngine(List.of("--no-video"), Duration.ofSeconds(10));
    }

    /** A play that counts goes to the outbox, and on to the server (royalties) when it can be reached. */
    private void played(QualifiedPlay play) {
        outbox.recordPlay(new PlayEvent(play.playId(), play.trackId(), play.startedAt(), play.playedMs()));
        Thread.ofVirtual().start(outbox::deliver);
    }

    /** Creates the account, then the wallet (sealed with the account password) and registers it. */
    public static Session signUp(AppConfig config, String email, char[] password) {
        return open(config, email, password, true);
    }

    public static Session signIn(AppConfig config, String email, char[] password) {
        return open(config, email, password, false);
    }

    private static Session open(AppConfig config, String email, char[] password, boolean create) {
        Background.requireBackground("Signing in");
        ApiClient api = new ApiClient(config.server(), TokenStore.inMemory());
        try {
            TokenPair tokens = create
                    ? api.signUp(new SignupRequest(email, password.clone(), Role.LISTENER, null))
                    : api.signIn(new LoginRequest(email, password.clone()));
            String userId = tokens.me().id();
            LocalStore store = LocalStore.forUser(config.dataDir(), userId);
            Wallet wallet = wallet(config.dataDir().resolve("users").resolve(userId), password);
            if (tokens.me().devices().stream().noneMatch(d -> d.publicKey().equals(wallet.address()))) {
                api.call("POST", "/api/v1/me/devices", new DeviceRequest(wallet.address(), "This computer"),
                        Object.class, Map.of(), false);
            }
            return new Session(api, store, wallet, tokens.me().email(),
                    config.dataDir().resolve("users").resolve(userId));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Wallet wallet(Path userDir, char[] password) {
        try {
            Files.createDirectories(userDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = userDir.resolve("wallet.json");
        DeviceSecretStore secrets = DeviceSecretStores.forThisDevice(userDir.resolve("device-keys"));
        return Files.exists(file) ? Wallet.open(file, secrets)
                : Wallet.create(file, "Normal Dance", password, secrets);
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
     * Signs the quote with the wallet, after checking that the bytes it signs say exactly what the quote says and
     * name this wallet, then buys under {@code key} (the same key again returns the first answer).
     */
    public Purchase buy(Quote quote, String key) {
        Background.requireBackground("Buying");
        byte[] message = Base64.getDecoder().decode(quote.message());
        OffchainMessage decoded = OffchainMessage.decode(message);
        if (!decoded.text().equals(quote.text()) || !decoded.signers().equals(List.of(Address.of(wallet.address())))
                || !Arrays.equals(decoded.applicationDomain(), TokenMessages.applicationDomain())) {
            throw new IllegalStateException("The message to sign does not match the quote; nothing was signed.");
        }
        String signature = Base58.encode(wallet.sign(message));
        return api.call("POST", "/api/v1/purchases", new PurchaseRequest(quote.id(), signature), Purchase.class,
                Map.of("Idempotency-Key", key), true);
    }

    public Topup topUp(long micros, String card, String key) {
        Background.requireBackground("Topping up");
        return api.call("POST", "/api/v1/me/topups", new TopupRequest(micros, card), Topup.class,
                Map.of("Idempotency-Key", key), true);
    }

    public LedgerPage ledger() {
        Background.requireBackground("Reading the balance");
        return api.get("/api/v1/me/ledger?limit=50", LedgerPage.class);
    }

    public Holdings holdings() {
        Background.requireBackground("Reading holdings");
        return api.get("/api/v1/me/holdings", Holdings.class);
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

    @Override
    public void close() {
        mpris.close();
        player.close();
        downloads.close();
        wallet.close();
        store.close();
        api.close();
    }
}
