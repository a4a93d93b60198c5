package dance.normal.app.track;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.PasswordPrompt;
import dance.normal.sync.library.LocalPlaylist;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The chosen track: play, keep offline, its offering, your tokens of it, a quantity, the price in words, the
 * wallet's preview, confirm.
 */
final class TrackPanelView {

    /** What the view asks of its controller. */
    interface Actions {
        void onPlay();

        void onDownload();

        /** The like button was pressed ({@link TrackPanelModel#liked} says what it is now). */
        void onLike();

        void onQueue();

        /** The add-to-playlist menu is opening: the playlists are read again. */
        void onPlaylistsShowing();

        void onAddTo(LocalPlaylist playlist);

        void onArtist();

        void onRelease();

        void onClose();

        void onQuote();

        void onConfirm();

        void onCancel();

        /** The password asked for (the receiver wipes it). */
        void onPassword(char[] password);

        void onPasswordCancelled();
    }

    final VBox root = new VBox(10);
    /** Holds the spinner's side of its two-way binding to the model's quantity (the binding's references are weak). */
    private final ObjectProperty<Integer> quantityValue;

    TrackPanelView(TrackPanelModel model, I18n i18n, Actions actions) {
        Hyperlink artist = new Hyperlink();
        Hyperlink release = new Hyperlink();
        ToggleButton like = new ToggleButton();
        MenuButton addTo = new MenuButton();
        Button queueIt = new Button();
        Button close = new Button();
        artist.setOnAction(e -> actions.onArtist());
        release.setOnAction(e -> actions.onRelease());
        close.setOnAction(e -> actions.onClose());
        queueIt.setOnAction(e -> actions.onQueue());
        like.setOnAction(e -> actions.onLike());
        addTo.setOnShowing(e -> actions.onPlaylistsShowing());
        model.playlists.addListener((ListChangeListener<LocalPlaylist>) change -> offer(addTo, model.playlists,
                i18n, actions));
        offer(addTo, model.playlists, i18n, actions);
        Label title = label(model.title.getValue(), Styles.TITLE_3);
        title.textProperty().bind(model.title);
        title.setWrapText(true);
        title.setId("track-title");
        artist.textProperty().bind(model.artist);
        artist.setId("track-artist");
        release.textProperty().bind(model.release);
        release.setId("track-release");
        Button play = new Button(i18n.get("track.play"), new FontIcon(Material2MZ.PLAY_ARROW));
        play.setId("track-play");
        play.setOnAction(e -> actions.onPlay());
        Button download = new Button();
        download.textProperty().bind(model.downloaded.map(d -> i18n.get(d ? "track.removeDownload"
                : "track.download")));
        download.graphicProperty().bind(model.downloaded.map(d -> new FontIcon(d ? Material2AL.DELETE_OUTLINE
                : Material2MZ.SAVE_ALT)));
        download.setId("track-download");
        download.setOnAction(e -> actions.onDownload());
        Label downloadState = label("", Styles.TEXT_MUTED);
        downloadState.textProperty().bind(model.download);
        downloadState.setId("download-state");
        like.graphicProperty().bind(model.liked.map(l -> new FontIcon(l ? Material2AL.FAVORITE
                : Material2AL.FAVORITE_BORDER)));
        like.selectedProperty().bindBidirectional(model.liked);
        like.accessibleTextProperty().bind(model.liked.map(l -> i18n.get(l ? "track.unlike" : "track.like")));
        like.setTooltip(new javafx.scene.control.Tooltip(i18n.get("track.like")));
        like.getStyleClass().addAll(Styles.BUTTON_ICON);
        like.setId("like");
        addTo.setGraphic(new FontIcon(Material2MZ.PLAYLIST_ADD));
        addTo.setAccessibleText(i18n.get("track.addTo"));
        addTo.setTooltip(new javafx.scene.control.Tooltip(i18n.get("track.addTo")));
        addTo.setId("add-to-playlist");
        queueIt.setGraphic(new FontIcon(Material2MZ.QUEUE_MUSIC));
        queueIt.setAccessibleText(i18n.get("track.addToQueue"));
        queueIt.setTooltip(new javafx.scene.control.Tooltip(i18n.get("track.addToQueue")));
        queueIt.setId("add-to-queue");
        FlowPane buttons = new FlowPane(8, 8, play, download, like, queueIt, addTo);
        for (javafx.scene.Node n : buttons.getChildren()) {
            ((javafx.scene.control.Control) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        Label holding = label("", Styles.SUCCESS);
        holding.textProperty().bind(model.holding);
        holding.setWrapText(true);
        holding.setId("holding");
        holding.visibleProperty().bind(model.holding.isNotEmpty());
        holding.managedProperty().bind(holding.visibleProperty());
        Label offering = label("", null);
        offering.textProperty().bind(model.offering);
        offering.setWrapText(true);
        offering.setId("offering");

        SpinnerValueFactory.IntegerSpinnerValueFactory count = new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                1, 1);
        count.maxProperty().bind(model.maxQuantity);
        quantityValue = model.quantity.asObject();
        count.valueProperty().bindBidirectional(quantityValue);
        Spinner<Integer> quantity = new Spinner<>(count);
        quantity.setEditable(true);
        quantity.setPrefWidth(90);
        quantity.setAccessibleText(i18n.get("track.quantity"));
        quantity.setId("quantity");
        Button quote = new Button(i18n.get("track.quote"));
        quote.setId("quote");
        quote.setOnAction(e -> actions.onQuote());
        HBox pick = new HBox(8, label(i18n.get("track.quantity"), null), quantity, quote);
        pick.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        pick.visibleProperty().bind(model.buyable.and(model.confirming.not()));
        pick.managedProperty().bind(pick.visibleProperty());
        pick.disableProperty().bind(model.working);

        Label price = label("", Styles.TEXT_BOLD);
        price.textProperty().bind(model.quote);
        price.setWrapText(true);
        price.setId("price");
        TextArea preview = new TextArea();
        preview.textProperty().bind(model.preview);
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.setPrefRowCount(7);
        preview.setAccessibleText(i18n.get("track.preview"));
        preview.setId("preview");
        Button confirm = new Button(i18n.get("track.confirm"));
        confirm.getStyleClass().add(Styles.ACCENT);
        confirm.setId("confirm");
        confirm.setOnAction(e -> actions.onConfirm());
        Button cancel = new Button(i18n.get("track.cancel"));
        cancel.setOnAction(e -> actions.onCancel());
        VBox confirmBox = new VBox(8, price, label(i18n.get("track.preview"), Styles.TEXT_MUTED), preview,
                new HBox(8, confirm, cancel));
        // A short window squeezes the wallet's preview (it scrolls), never the sentences around it.
        VBox.setVgrow(preview, Priority.ALWAYS);
        preview.setMinHeight(60);
        VBox.setVgrow(confirmBox, Priority.ALWAYS);
        confirmBox.visibleProperty().bind(model.confirming);
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());
        confirmBox.disableProperty().bind(model.working);

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(24, 24);
        progress.visibleProperty().bind(model.working);
        progress.managedProperty().bind(progress.visibleProperty());
        Label result = label("", Styles.SUCCESS);
        result.textProperty().bind(model.result);
        result.setWrapText(true);
        result.setId("receipt");
        Label error = label("", Styles.DANGER);
        error.textProperty().bind(model.error);
        error.setWrapText(true);
        error.setId("buy-error");

        close.setGraphic(new FontIcon(Material2AL.CLOSE));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setAccessibleText(i18n.get("track.close"));
        close.setId("track-close");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox heading = new HBox(8, title, gap, close);
        heading.setAlignment(Pos.TOP_LEFT);
        close.disableProperty().bind(model.working);
        VBox details = new VBox(10, heading, new VBox(0, artist, release), buttons, downloadState, offering, holding,
                pick, confirmBox, progress, result, error);
        details.setId("track-details");
        VBox.setVgrow(details, Priority.ALWAYS);
        for (Label sentence : List.of(downloadState, offering, holding, price, result, error)) {
            sentence.setMinHeight(Region.USE_PREF_SIZE);
        }
        details.visibleProperty().bind(model.title.isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        // Until a track is chosen the column stays, with a word on what it is for: choosing one never moves the page.
        Label placeholder = label(i18n.get("track.choose"), Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        placeholder.setId("track-placeholder");
        placeholder.visibleProperty().bind(model.title.isEmpty());
        placeholder.managedProperty().bind(placeholder.visibleProperty());
        root.getChildren().addAll(placeholder, details);
        root.setPadding(new Insets(16));
        root.setPrefWidth(340);
        root.setMinWidth(300);
        root.setId("track-panel");
        model.passwordReason.addListener((obs, old, reason) -> {
            if (!reason.isEmpty()) {
                PasswordPrompt.ask(root.getScene() == null ? null : root.getScene().getWindow(), i18n, reason,
                        i18n.get("track.confirm"), actions::onPassword, actions::onPasswordCancelled);
            }
        });
    }

    /** The menu offers {@code playlists}, or says there are none. */
    private static void offer(MenuButton addTo, List<LocalPlaylist> playlists, I18n i18n, Actions actions) {
        addTo.getItems().setAll(playlists.stream().map(p -> {
            MenuItem item = new MenuItem(p.name());
            item.setOnAction(e -> actions.onAddTo(p));
            return item;
        }).toList());
        if (playlists.isEmpty()) {
            MenuItem none = new MenuItem(i18n.get("track.noPlaylists"));
            none.setDisable(true);
            addTo.getItems().setAll(none);
        }
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }
}
