package dance.normal.app.shell;

import atlantafx.base.theme.Styles;
import dance.normal.app.Session;
import dance.normal.app.nowplaying.NowPlayingController;
import dance.normal.app.search.SearchController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.player.queue.QueueItem;
import dance.normal.app.track.TrackPanelController;
import dance.normal.app.wallet.WalletController;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The signed-in window: navigation and who is signed in on top; the chosen screen (Search with the chosen track's
 * panel, or Wallet); the Now Playing bar always below. Keys: Ctrl+F (Cmd+F) searches; Space plays or pauses and
 * the arrows seek by 5 s when no text field has the keyboard.
 */
public final class ShellController {

    private static final long SEEK_STEP_MS = 5_000;
    private final BorderPane root = new BorderPane();
    private final SearchController search;
    private final NowPlayingController nowPlaying;
    private final TrackPanelController trackPanel;
    private final WalletController wallet;
    private final BorderPane searchScreen = new BorderPane();

    public ShellController(Session session, Background background, I18n i18n) {
        this.nowPlaying = new NowPlayingController(session.player());
        this.wallet = new WalletController(session, background, i18n);
        this.trackPanel = new TrackPanelController(session, background, i18n, () -> { });
        this.search = new SearchController(session, background, i18n, (tracks, index) -> nowPlaying.play(
                tracks.stream().map(t -> QueueItem.of(t.id(), t.title(), t.artistName(), t.durationMs())).toList(),
                index), trackPanel::show);
        searchScreen.setCenter(search.view());
        searchScreen.setRight(trackPanel.view());

        Label who = new Label(i18n.get("shell.signedIn", session.email()));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setId("signed-in");
        ToggleGroup nav = new ToggleGroup();
        ToggleButton toSearch = navButton(i18n.get("nav.search"), "nav-search", nav);
        ToggleButton toWallet = navButton(i18n.get("nav.wallet"), "nav-wallet", nav);
        nav.selectedToggleProperty().addListener((obs, old, selected) -> {
            if (selected == null) {
                old.setSelected(true); // one screen is always chosen
            } else if (selected == toWallet) {
                root.setCenter(wallet.view());
                wallet.onActivate();
            } else {
                root.setCenter(searchScreen);
            }
        });
        toSearch.setSelected(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, toSearch, toWallet, gap, who);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10, 16, 0, 16));
        root.setTop(top);
        root.setCenter(searchScreen);
        root.setBottom(nowPlaying.view());
        root.setId("shell");
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.F) {
                toSearch.setSelected(true);
                search.focusField();
                e.consume();
            } else if (!(e.getTarget() instanceof TextInputControl) && !e.isShortcutDown()) {
                switch (e.getCode()) {
                    case SPACE -> {
                        nowPlaying.togglePlayPause();
                        e.consume();
                    }
                    case LEFT -> nowPlaying.seekBy(-SEEK_STEP_MS);
                    case RIGHT -> nowPlaying.seekBy(SEEK_STEP_MS);
                    default -> {
                        // other keys go where they were going
                    }
                }
            }
        });
    }

    private static ToggleButton navButton(String text, String id, ToggleGroup group) {
        ToggleButton b = new ToggleButton(text);
        b.setToggleGroup(group);
        b.setId(id);
        return b;
    }

    public Parent view() {
        return root;
    }

    public void onActivate() {
        search.onActivate();
    }
}
