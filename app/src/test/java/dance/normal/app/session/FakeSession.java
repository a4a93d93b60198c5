package dance.normal.app.session;

import dance.normal.player.Playable;
import dance.normal.player.Player;
import dance.normal.player.audio.PlayerPreferences;
import dance.normal.player.audio.PlayerSettings;
import dance.normal.player.queue.PlayQueue;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A signed-in session made of the in-memory fakes, with a real {@link Player} over a {@link FakeAudioEngine}: a
 * track plays from {@code fake:<track id>}, and no play is ever qualified for royalties (there is no outbox).
 */
public final class FakeSession implements SignedInSession {

    public final FakeCatalogService catalog = new FakeCatalogService();
    public final FakeLibraryService library = new FakeLibraryService(catalog);
    public final FakeWalletService wallet = new FakeWalletService();
    public final FakeDeviceService devices = new FakeDeviceService();
    public final FakeDownloadService downloads = new FakeDownloadService();
    public final FakeSyncMonitor sync = new FakeSyncMonitor();
    public final FakeStudioCatalogService studioCatalog = new FakeStudioCatalogService();
    public final FakeStudioMoneyService studioMoney = new FakeStudioMoneyService();
    public final FakeUploadQueueService uploads = new FakeUploadQueueService();
    public final FakeArtistService artist = new FakeArtistService();
    public final FakeAudioEngine engine = new FakeAudioEngine();
    public final AtomicBoolean signedOut = new AtomicBoolean();
    public final AtomicBoolean closed = new AtomicBoolean();
    public volatile Account account = new Account("listener@example.com", URI.create("http://127.0.0.1:1/"));
    private final Player player;

    public FakeSession() {
        this.player = new Player(() -> engine, new PlayQueue(),
                item -> Playable.of(URI.create("fake:" + item.trackId())), Clock.systemUTC(), play -> { },
                new MemorySettings());
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public CatalogService catalog() {
        return catalog;
    }

    @Override
    public LibraryService library() {
        return library;
    }

    @Override
    public WalletService wallet() {
        return wallet;
    }

    @Override
    public DeviceService devices() {
        return devices;
    }

    @Override
    public DownloadService downloads() {
        return downloads;
    }

    @Override
    public SyncMonitor sync() {
        return sync;
    }

    @Override
    public StudioCatalogService studioCatalog() {
        return studioCatalog;
    }

    @Override
    public StudioMoneyService studioMoney() {
        return studioMoney;
    }

    @Override
    public UploadQueueService uploads() {
        return uploads;
    }

    @Override
    public ArtistService artist() {
        return artist;
    }

    @Override
    public Player player() {
        return player;
    }

    @Override
    public void signOut() {
        signedOut.set(true);
    }

    @Override
    public void close() {
        closed.set(true);
        player.close();
    }

    /** Volume and equalizer kept in memory. */
    private static final class MemorySettings implements PlayerSettings {

        private final List<PlayerPreferences> saved = new CopyOnWriteArrayList<>(List.of(PlayerPreferences.DEFAULTS));

        @Override
        public PlayerPreferences load() {
            return saved.getLast();
        }

        @Override
        public void save(PlayerPreferences preferences) {
            saved.add(preferences);
        }
    }
}
