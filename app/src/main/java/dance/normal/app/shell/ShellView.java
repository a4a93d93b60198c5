package dance.normal.app.shell;

import atlantafx.base.theme.Styles;
import dance.normal.app.nav.NavTarget;
import dance.normal.app.ui.I18n;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The signed-in window: the navigation bar and who is signed in on top, with a banner while the server cannot be
 * reached; Back over a page; the screen, with the chosen track's panel beside the screens that list tracks; the
 * Now Playing bar always below. Keys: Ctrl+F (Cmd+F) searches; Alt+Left goes back; Space plays or pauses and the
 * arrows seek when no text field has the keyboard.
 */
final class ShellView {

    /** What the window asks of its controller. */
    interface Actions {
        void onTab(NavTarget target);

        void onBack();

        void onFind();

        void onRetry();

        void onPlayPause();

        void onSeek(boolean forward);
    }

    final BorderPane root = new BorderPane();
    private final BorderPane content = new BorderPane();
    /** The content, with the Studio's sidebar at its left while a Studio screen is shown (Back stays beside it). */
    private final BorderPane place = new BorderPane(content);
    private final Button back = new Button();
    private final NavBar nav = new NavBar();

    private final NavBar studio = new NavBar();

    /** @param studioEntries the Studio's sidebar, shown beside its screens */
    ShellView(ShellModel model, I18n i18n, Node trackPanel, Node nowPlaying, List<StudioScreens.Entry> studioEntries,
              Actions actions) {
        Label who = new Label();
        who.textProperty().bind(model.signedIn);
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setId("signed-in");
        who.setMinWidth(0); // a long address gives way; the navigation never does
        HBox top = new HBox(8,
                nav.add(NavTarget.HOME, i18n.get("nav.home"), "nav-home", new FontIcon(Material2AL.HOME),
                        actions::onTab),
                nav.add(NavTarget.SEARCH, i18n.get("nav.search"), "nav-search", new FontIcon(Material2MZ.SEARCH),
                        actions::onTab),
                nav.add(NavTarget.LIBRARY, i18n.get("nav.library"), "nav-library",
                        new FontIcon(Material2AL.LIBRARY_MUSIC), actions::onTab),
                nav.add(NavTarget.QUEUE, i18n.get("nav.queue"), "nav-queue", new FontIcon(Material2MZ.QUEUE_MUSIC),
                        actions::onTab),
                nav.add(NavTarget.DOWNLOADS, i18n.get("nav.downloads"), "nav-downloads",
                        new FontIcon(Material2MZ.OFFLINE_PIN), actions::onTab),
                nav.add(NavTarget.WALLET, i18n.get("nav.wallet"), "nav-wallet",
                        new FontIcon(Material2AL.ACCOUNT_BALANCE_WALLET), actions::onTab),
                nav.add(NavTarget.SETTINGS, i18n.get("nav.settings"), "nav-settings",
                        new FontIcon(Material2MZ.SETTINGS), actions::onTab));
        ToggleButton studioButton = nav.add(NavTarget.STUDIO, i18n.get("nav.studio"), "nav-studio",
                new FontIcon(Material2MZ.MIC), actions::onTab);
        studioButton.visibleProperty().bind(model.artist); // artists only
        studioButton.managedProperty().bind(studioButton.visibleProperty());
        top.getChildren().add(studioButton);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        top.getChildren().addAll(gap, who);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10, 16, 10, 16));
        VBox sidebar = studioSidebar(i18n, studioEntries, actions);
        model.tab.addListener((obs, old, tab) -> {
            nav.select(tab.inStudio() ? NavTarget.STUDIO : tab);
            studio.select(tab);
            place.setLeft(tab.inStudio() ? sidebar : null);
        });

        Button retry = new Button(i18n.get("offline.retry"));
        retry.setId("retry");
        retry.setOnAction(e -> actions.onRetry());
        Label bannerText = new Label();
        bannerText.textProperty().bind(model.bannerText);
        bannerText.setWrapText(true);
        bannerText.setId("offline-text");
        HBox banner = new HBox(10, new FontIcon(Material2AL.CLOUD_OFF), bannerText, retry);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(8, 16, 8, 16));
        banner.getStyleClass().add(Styles.BG_WARNING_MUTED);
        banner.setId("offline-banner");
        banner.visibleProperty().bind(model.offline);
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setAccessibleText(i18n.get("offline.title"));

        back.setGraphic(new FontIcon(Material2AL.ARROW_BACK));
        back.setText(i18n.get("browse.back"));
        back.getStyleClass().add(Styles.FLAT);
        back.setId("back");
        back.setOnAction(e -> actions.onBack());
        BorderPane.setMargin(back, new Insets(8, 16, 0, 8));
        model.canGoBack.addListener((obs, was, can) -> content.setTop(can ? back : null));
        model.screen.addListener((obs, old, screen) -> {
            content.setRight(null); // then the screen comes first in Tab order and for screen readers, the panel after
            content.setCenter(screen);
            content.setRight(model.trackPanelBeside.get() ? trackPanel : null);
        });

        root.setTop(new VBox(top, banner));
        root.setCenter(place);
        root.setBottom(nowPlaying);
        root.setId("shell");
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> keys(e, model, actions));
    }

    /** The Studio's own screens, one button each, down the left side. */
    private VBox studioSidebar(I18n i18n, List<StudioScreens.Entry> entries, Actions actions) {
        Label title = new Label(i18n.get("nav.studio"));
        title.getStyleClass().addAll(Styles.TEXT_CAPTION, Styles.TEXT_MUTED);
        title.setPadding(new Insets(0, 0, 4, 10));
        VBox sidebar = new VBox(4, title);
        for (StudioScreens.Entry entry : entries) {
            ToggleButton b = studio.add(entry.target(), i18n.get(entry.textKey()), entry.id(),
                    new FontIcon(entry.icon()), actions::onTab);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            sidebar.getChildren().add(b);
        }
        sidebar.setPadding(new Insets(12, 8, 12, 8));
        sidebar.setPrefWidth(190);
        sidebar.setMinWidth(Region.USE_PREF_SIZE);
        sidebar.setId("studio-sidebar");
        sidebar.getStyleClass().add(Styles.BG_SUBTLE);
        return sidebar;
    }

    private static void keys(KeyEvent e, ShellModel model, Actions actions) {
        if (e.isShortcutDown() && e.getCode() == KeyCode.F) {
            actions.onFind();
            e.consume();
        } else if (e.isAltDown() && e.getCode() == KeyCode.LEFT && model.canGoBack.get()) {
            actions.onBack();
            e.consume();
        } else if (!e.isShortcutDown() && !(e.getTarget() instanceof TextInputControl
                || e.getTarget() instanceof Spinner || e.getTarget() instanceof ComboBoxBase)) {
            // Space presses a focused button and arrows move a focused slider; elsewhere they are the player's.
            switch (e.getCode()) {
                case SPACE -> {
                    if (!(e.getTarget() instanceof ButtonBase)) {
                        actions.onPlayPause();
                        e.consume();
                    }
                }
                case LEFT, RIGHT -> {
                    if (!(e.getTarget() instanceof Slider)) {
                        actions.onSeek(e.getCode() == KeyCode.RIGHT);
                    }
                }
                default -> {
                    // other keys go where they were going
                }
            }
        }
    }
}
