package dance.normal.app.track;

import static dance.normal.app.ui.Fx.ENGLISH;
import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeCatalogService;
import dance.normal.app.session.FakeDownloadService;
import dance.normal.app.session.FakeLibraryService;
import dance.normal.app.session.FakeWalletService;
import dance.normal.app.session.Seen;
import dance.normal.app.session.WalletService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxEvents;
import dance.normal.sync.library.LocalPlaylist;
import dance.normal.protocol.Money;
import dance.normal.wallet.policy.SpendingLimits;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.PasswordField;
import javafx.stage.Window;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Holding;
import dance.normal.protocol.tokens.Holdings;
import dance.normal.protocol.tokens.LedgerPage;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The track panel over a library, a wallet and downloads in memory: no server, no wallet keys. */
class TrackPanelControllerTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private final FakeCatalogService catalog = new FakeCatalogService();
    private final FakeLibraryService library = new FakeLibraryService(catalog);
    private final FakeWalletService wallet = new FakeWalletService();
    private final FakeDownloadService downloads = new FakeDownloadService();
    private final Background background = new Background();
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final Track river = FakeCatalogService.track("t1", "River Song", "Ana");
    private TrackPanelController panel;

    @BeforeEach
    void setUp() throws Exception {
        Fx.start();
        catalog.tracks.add(river);
        wallet.offerings.put("t1", new Offering("t1", "artist-Ana", 100, 250_000, 2000, null, 12, 88, "ledger", null,
                null, AT));
        panel = Fx.call(() -> new TrackPanelController(library, wallet, downloads, new FxEvents(), background,
                ENGLISH, t -> { },
                t -> queued.add(t.id()), new TrackPanelController.Links() {
                    @Override
                    public void openArtist(String artistId) {
                    }

                    @Override
                    public void openRelease(String releaseId) {
                    }
                }));
        Fx.show(panel.view());
    }

    @AfterEach
    void tearDown() {
        Fx.run(panel::close);
        background.close();
    }

    @Test
    void aChosenTrackShowsItsOfferingTheTokensHeldAndTheLike() throws Exception {
        library.liked.add("t1");
        wallet.state = new Seen<>(new WalletService.WalletState(new LedgerPage(0, 0, List.of()), new Holdings(List.of(
                new Holding("t1", "River Song", "Ana", 3, 100, 2000, 4_000)))), AT, false);
        Fx.run(() -> panel.show(river));

        Fx.await("the offering", () -> !text("offering").isEmpty());
        assertThat(Fx.call(() -> text("track-title"))).isEqualTo("River Song");
        assertThat(Fx.call(() -> text("offering")))
                .isEqualTo("12 of 100 tokens sold \u00b7 $0.25 each \u00b7 holders share 20% of the artist's play "
                        + "revenue.");
        Fx.await("the holding", () -> !text("holding").isEmpty());
        assertThat(Fx.call(() -> text("holding")))
                .isEqualTo("You hold 3 tokens: 0.60% of the artist's play revenue. They have earned $0.004.");
        Fx.await("liked", () -> Fx.<ToggleButton>find(panel.view(), "like").isSelected());
    }

    @Test
    void aTrackWithoutTokensSaysSo() throws Exception {
        wallet.offerings.clear();
        Fx.run(() -> panel.show(river));
        Fx.await("the sentence", () -> !text("offering").isEmpty());
        assertThat(Fx.call(() -> text("offering"))).isEqualTo("This track has no tokens for sale.");
        assertThat(Fx.call(() -> Fx.find(panel.view(), "quote").getParent().isVisible())).as("nothing to buy")
                .isFalse();
    }

    @Test
    void buyingShowsThePriceAndTheTextSignedThenDisablesConfirmUntilTheReceipt() throws Exception {
        wallet.quote = new Quote("q1", "t1", 1, 250_000, 250_000, 25_000, 225_000, 275_000, 24_000, wallet.address,
                "Normal Dance: buy 1 token of River Song\nPay $0.275 from my Normal Dance balance\n", "bWVzc2FnZQ==",
                AT.plusSeconds(600));
        Fx.run(() -> panel.show(river));
        Fx.await("buyable", () -> !text("offering").isEmpty());
        Fx.run(() -> Fx.<Button>find(panel.view(), "quote").fire());

        Fx.await("the price", () -> !text("price").isEmpty());
        assertThat(Fx.call(() -> text("price"))).startsWith("You pay $0.275 ($0.225 to the artist, $0.025 platform "
                + "fee). You get 1 tokens: 2.40% of this");
        assertThat(Fx.call(() -> Fx.<TextArea>find(panel.view(), "preview").getText()))
                .isEqualTo(wallet.quote.text());

        wallet.buying.close();
        wallet.purchase = new Purchase("p1", "DELIVERED", "t1", 1, 275_000, wallet.address, null, "ref", new Receipt(
                "p1", "t1", "River Song", "Ana", 1, 275_000, 225_000, 25_000, 4, 9_725_000, AT), AT, AT);
        Fx.run(() -> confirm().fire());
        Fx.await("under way", () -> confirm().isDisabled());
        Fx.run(() -> confirm().fire()); // a second press while it works does nothing
        wallet.buying.open();

        Fx.await("the receipt", () -> !text("receipt").isEmpty());
        assertThat(Fx.call(() -> text("receipt"))).isEqualTo("Done. You hold 4 tokens of this track; your balance is "
                + "$9.725.");
        assertThat(wallet.purchaseKeys).hasSize(1);
    }

    @Test
    void aFailedLikeIsUndoneAndSaysWhy() throws Exception {
        Fx.run(() -> panel.show(river));
        Fx.await("shown", () -> !text("offering").isEmpty());
        library.changeFailure = new IllegalStateException("the store is full");
        Fx.run(() -> Fx.<ToggleButton>find(panel.view(), "like").fire());

        Fx.await("the sentence", () -> !text("buy-error").isEmpty());
        assertThat(Fx.call(() -> text("buy-error"))).isEqualTo("That did not work: the store is full");
        assertThat(Fx.call(() -> Fx.<ToggleButton>find(panel.view(), "like").isSelected())).isFalse();
        assertThat(library.liked).isEmpty();
    }

    @Test
    void downloadAndQueueDoWhatTheySayAndTheRowFollowsTheDownload() throws Exception {
        Fx.run(() -> panel.show(river));
        Fx.await("shown", () -> !text("offering").isEmpty());

        Fx.run(() -> Fx.<Button>find(panel.view(), "track-download").fire());
        Fx.await("queued", () -> text("download-state").equals("Waiting to download\u2026"));
        assertThat(Fx.call(() -> Fx.<Button>find(panel.view(), "track-download").getText()))
                .isEqualTo("Remove download");
        downloads.finish("t1"); // on a download thread
        Fx.await("kept", () -> text("download-state").equals("Kept on this device"));

        Fx.run(() -> Fx.<Button>find(panel.view(), "add-to-queue").fire());
        assertThat(queued).containsExactly("t1");
        assertThat(Fx.call(() -> text("receipt"))).isEqualTo("Added to the queue.");
    }

    @Test
    void theQuantityChosenIsTheOneQuotedWithinWhatIsLeft() throws Exception {
        wallet.offerings.put("t1", new Offering("t1", "artist-Ana", 100, 250_000, 2000, 5L, 12, 88, "ledger", null,
                null, AT)); // at most 5 each
        wallet.quote = new Quote("q1", "t1", 3, 750_000, 750_000, 75_000, 675_000, 825_000, 72_000, wallet.address,
                "Normal Dance: buy 3 tokens of River Song\n", "bWVzc2FnZQ==", AT.plusSeconds(600));
        Fx.run(() -> panel.show(river));
        Fx.await("buyable", () -> panel.model().buyable.get());
        assertThat(Fx.call(() -> panel.model().maxQuantity.get())).isEqualTo(5);
        assertThat(Fx.call(() -> panel.model().quantity.get())).isEqualTo(1);

        Fx.run(() -> Fx.<Spinner<Integer>>find(panel.view(), "quantity").increment(2)); // the listener picks 3
        assertThat(Fx.call(() -> panel.model().quantity.get())).isEqualTo(3);
        Fx.run(() -> Fx.<Spinner<Integer>>find(panel.view(), "quantity").increment(10));
        assertThat(Fx.call(() -> panel.model().quantity.get())).as("no more than the cap").isEqualTo(5);
        Fx.run(() -> panel.model().quantity.set(3));
        assertThat(Fx.call(() -> Fx.<Spinner<Integer>>find(panel.view(), "quantity").getValue())).isEqualTo(3);

        Fx.run(() -> Fx.<Button>find(panel.view(), "quote").fire());
        Fx.await("the price", () -> !panel.model().quote.get().isEmpty());
        assertThat(wallet.quotedQuantities).containsExactly(3L);
        assertThat(Fx.call(() -> text("price"))).startsWith("You pay $0.825").contains("You get 3 tokens");
    }

    @Test
    void theMenuOffersThePlaylistsReadWhenItOpensAndAddsToTheOneChosen() throws Exception {
        Fx.run(() -> panel.show(river));
        Fx.await("shown", () -> !text("offering").isEmpty());
        Fx.await("no playlists yet", () -> menu().getItems().size() == 1 && menu().getItems().getFirst().isDisable());
        assertThat(Fx.call(() -> menu().getItems().getFirst().getText())).isEqualTo(ENGLISH.get("track.noPlaylists"));

        library.playlists.add(new LocalPlaylist("p1", null, "Road trip", List.of(), 1));
        Fx.run(() -> panel.actions().onPlaylistsShowing()); // the menu opens
        Fx.await("the playlist offered", () -> panel.model().playlists.size() == 1);
        assertThat(Fx.call(() -> menu().getItems().stream().map(MenuItem::getText).toList()))
                .containsExactly("Road trip");

        Fx.run(() -> menu().getItems().getFirst().fire());
        Fx.await("added", () -> !text("receipt").isEmpty());
        assertThat(Fx.call(() -> text("receipt"))).isEqualTo(ENGLISH.get("track.added", "Road trip"));
        assertThat(library.playlists.getFirst().trackIds()).containsExactly("t1");
    }

    @Test
    void overTheSpendingLimitThePasswordIsAskedAndOnlyThenItBuys() throws Exception {
        wallet.quote = new Quote("q1", "t1", 1, 250_000, 250_000, 25_000, 225_000, 275_000, 24_000, wallet.address,
                "Normal Dance: buy 1 token of River Song\n", "bWVzc2FnZQ==", AT.plusSeconds(600));
        wallet.limits = new SpendingLimits(Money.ofMicros(100_000), Money.ofMicros(1_000_000));
        wallet.purchase = new Purchase("p1", "DELIVERED", "t1", 1, 275_000, wallet.address, null, "ref", new Receipt(
                "p1", "t1", "River Song", "Ana", 1, 275_000, 225_000, 25_000, 1, 9_725_000, AT), AT, AT);
        Fx.run(() -> panel.show(river));
        Fx.await("buyable", () -> panel.model().buyable.get());
        Fx.run(() -> panel.actions().onQuote());
        Fx.await("confirming", () -> panel.model().confirming.get());

        Fx.run(() -> panel.actions().onConfirm());
        Fx.await("the password asked", () -> !panel.model().passwordReason.get().isEmpty());
        assertThat(Fx.call(() -> panel.model().passwordReason.get())).contains("$0.275");
        assertThat(Fx.call(() -> panel.model().result.get())).as("nothing bought yet").isEmpty();

        Fx.await("the prompt", () -> prompt("#prompt-password") != null);
        Fx.run(() -> ((PasswordField) prompt("#prompt-password")).setText("correct horse battery"));
        Fx.run(() -> ((Button) prompt("#prompt-confirm")).fire());
        Fx.await("the receipt", () -> !panel.model().result.get().isEmpty());
        assertThat(Fx.call(() -> panel.model().passwordReason.get())).isEmpty();
        assertThat(Fx.call(() -> panel.model().result.get())).startsWith("Done.");
    }

    /** A node of the password prompt, when it is open. */
    private static Node prompt(String selector) {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot().lookup(selector))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private MenuButton menu() {
        return Fx.find(panel.view(), "add-to-playlist");
    }

    private Button confirm() {
        return Fx.find(panel.view(), "confirm");
    }

    private String text(String id) {
        return Fx.<Label>find(panel.view(), id).getText();
    }
}
