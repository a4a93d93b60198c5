package dance.normal.app.session;

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
import dance.normal.protocol.auth.Device;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.protocol.plays.PlayReceipts;
import dance.normal.sync.SyncService;
import dance.normal.sync.TrackSource;
import dance.normal.sync.studio.StudioClient;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.library.Library;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.store.LocalStore;
import dance.normal.sync.studio.StudioMoneyClient;
import dance.normal.sync.upload.UploadQueue;
import dance.normal.wallet.Wallet;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.policy.PriceBook;
import dance.normal.wallet.policy.SigningPolicy;
import dance.normal.wallet.policy.SpendingLedger;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in session as it runs: the API client holding the listener's tokens, their local store with the
 * catalog mirror, their wallet, the player (libVLC), sync and downloads, wired here and handed out as narrow
 * services. Made by {@link SessionOpener}.
 */
final class LiveSession implements SignedInSession {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveSession.class);
    private static final String DEVICE_KEY = "app.device.";

    private final ApiClient api;
    private final TokenStore tokens;
    private final LocalStore store;
    private final CatalogMirror mirror;
    private final Wallet wallet;
    private final Account account;
    private final DownloadManager downloads;
    private final Outbox outbox;
    private final SyncService sync;
    private final QueueMemory queueMemory;
    private final Player player;
    private final PlayerMpris mpris;
    private final CatalogService catalogService;
    private final LibraryService libraryService;
    private final WalletService walletService;
    private final StudioMoneyService studioMoneyService;
    private final DeviceService deviceService;
    private final DownloadService downloadService;
    private final SyncMonitor syncMonitor;
    private final StudioCatalogService studioCatalog;
    private final UploadQueue uploads;
    private final UploadQueueService uploadService;
    private final ArtistService artistService;

    LiveSession(ApiClient api, LocalStore store, Wallet wallet, String email, Role role, Path userDir,
                TokenStore tokens, Path trustedCertificates) {
        this.api = api;
        this.tokens = tokens;
        this.store = store;
        this.mirror = new CatalogMirror(store);
        CatalogSync catalog = new CatalogSync(api, store, mirror);
        this.wallet = wallet;
        this.account = new Account(email, api.baseUrl());
        this.downloads = new DownloadManager(api, store, mirror, userDir.resolve("downloads"),
                DownloadService.DEFAULT_BUDGET_BYTES, DownloadManager.DEFAULT_CONCURRENCY, Clock.systemUTC());
        this.outbox = new Outbox(store, api, Clock.systemUTC());
        // Every 15 s while online; -Dnd.syncSeconds=N changes it (tests use 1).
        this.sync = new SyncService(catalog, outbox, Clock.systemUTC(),
                Duration.ofSeconds(Long.getLong("nd.syncSeconds", 15)));
        Library library = new Library(store, api, outbox, Clock.systemUTC());
        library.useDownloads(downloads);
        sync.syncLibrary(library);
        TrackSource sources = new TrackSource(api, mirror, downloads, () -> sync.status().online());
        PlayQueue queue = new PlayQueue();
        this.queueMemory = new QueueMemory(userDir.resolve("queue.json"), queue);
        // The listener's spending limits on this device and what was spent today, beside the wallet.
        SpendingLedger spendingLedger = new SpendingLedger(userDir.resolve("spending.json"), Clock.systemUTC(),
                ZoneId.systemDefault());
        SigningPolicy spendingPolicy = new SigningPolicy(PriceBook.empty(), spendingLedger);
        ArtworkCache artwork = new ArtworkCache(api.http(), okhttp3.HttpUrl.get(api.baseUrl()),
                userDir.resolve("artwork"));
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
        KeptAnswers kept = new KeptAnswers(store);
        this.catalogService = new LiveCatalogService(api, mirror, catalog, sources, sync, artwork, kept);
        this.libraryService = new LiveLibraryService(library, mirror, downloads, queueMemory, this::changedLocally);
        this.walletService = new LiveWalletService(api, wallet, spendingLedger, spendingPolicy, kept);
        this.deviceService = new LiveDeviceService(api, wallet.address());
        this.downloadService = new LiveDownloadService(downloads);
        this.syncMonitor = new LiveSyncMonitor(sync);
        StudioClient studio = new StudioClient(api);
        this.studioCatalog = new LiveStudioCatalogService(studio);
        this.studioMoneyService = new LiveStudioMoneyService(new StudioMoneyClient(api), studio, walletService);
        // The artist's uploads go on from where they were when the app last stopped.
        this.uploads = new UploadQueue(api, store, Clock.systemUTC(), UploadQueue.Options.defaults());
        this.uploadService = new LiveUploadQueueService(uploads);
        this.artistService = new LiveArtistService(api, tokens, role);
        knowDevice(false);
        downloads.start();
        uploads.start();
        sync.start();
    }

    /**
     * Finds which registered device this wallet is (kept in the local store; asked of the server once, when
     * {@code askServer}), so stream URLs name it and downloads and plays of downloaded tracks are this device's
     * (decision 0024). Stays unknown while offline and the store has none; it is asked again at the next play.
     */
    Optional<String> knowDevice(boolean askServer) {
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

    /** Something waits in the outbox: the status shows it, and it goes out now if the server can be reached. */
    private void changedLocally() {
        sync.outboxChanged();
        sync.syncNow();
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public CatalogService catalog() {
        return catalogService;
    }

    @Override
    public LibraryService library() {
        return libraryService;
    }

    @Override
    public WalletService wallet() {
        return walletService;
    }

    @Override
    public DeviceService devices() {
        return deviceService;
    }

    @Override
    public DownloadService downloads() {
        return downloadService;
    }

    @Override
    public SyncMonitor sync() {
        return syncMonitor;
    }

    @Override
    public StudioCatalogService studioCatalog() {
        return studioCatalog;
    }

    @Override
    public StudioMoneyService studioMoney() {
        return studioMoneyService;
    }

    @Override
    public UploadQueueService uploads() {
        return uploadService;
    }

    @Override
    public ArtistService artist() {
        return artistService;
    }

    @Override
    public Player player() {
        return player;
    }

    @Override
    public void signOut() {
        OffFxThread.require("Signing out");
        try {
            api.signOut();
        } finally {
            tokens.clear();
        }
    }

    @Override
    public void close() {
        sync.close();
        mpris.close();
        player.close();
        queueMemory.save();
        downloads.close();
        uploads.close();
        wallet.close();
        store.close();
        api.close();
    }
}
