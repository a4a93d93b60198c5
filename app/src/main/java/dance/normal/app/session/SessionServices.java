package dance.normal.app.session;

import dance.normal.player.Player;

/**
 * The narrow services of a signed-in session, without its lifecycle (closing, signing out): what the shell hands
 * out to the screens it builds, each screen taking only the ones it uses, so a screen can be tested with fakes and no
 * server.
 */
public interface SessionServices {

    Account account();

    CatalogService catalog();

    LibraryService library();

    WalletService wallet();

    DeviceService devices();

    DownloadService downloads();

    SyncMonitor sync();

    /** The artist's own tracks, reports and releases in the Studio. */
    StudioCatalogService studioCatalog();
    /** The account as an artist: the Studio's profile, and becoming an artist (issue 16). */
    ArtistService artist();

    /** The artist's money in the Studio: offerings, earnings, holders, the statement, withdrawals. */
    StudioMoneyService studioMoney();

    /** The artist's uploads to the Studio, which go on while the app runs. */
    UploadQueueService uploads();

    /** The player over the listener's queue (libVLC in production). */
    Player player();
}
