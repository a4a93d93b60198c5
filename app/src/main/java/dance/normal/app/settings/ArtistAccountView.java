package dance.normal.app.settings;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The section's widgets: for a listener, what being an artist gives, the artist name and Become an artist; for an
 * artist, Open the Studio.
 */
final class ArtistAccountView {

    final VBox root;

    ArtistAccountView(ArtistAccountModel model, I18n i18n, Runnable onBecome, Runnable onOpenStudio) {
        Label title = new Label(i18n.get("settings.artist"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.textProperty().bind(model.artist.map(a -> i18n.get(a ? "settings.artist.isArtist"
                : "settings.artist.hint")));
        hint.setWrapText(true);
        hint.setMaxWidth(640);
        hint.getStyleClass().add(Styles.TEXT_MUTED);

        TextField name = new TextField();
        name.setPromptText(i18n.get("settings.artist.name"));
        name.setAccessibleText(i18n.get("settings.artist.name"));
        name.textProperty().bindBidirectional(model.name);
        name.setPrefColumnCount(22);
        name.setId("become-artist-name");
        name.setOnAction(e -> onBecome.run());
        Button become = new Button(i18n.get("settings.artist.become"), new FontIcon(Material2MZ.MIC));
        become.getStyleClass().add(Styles.ACCENT);
        become.setId("become-artist");
        become.disableProperty().bind(model.working);
        become.setOnAction(e -> onBecome.run());
        name.disableProperty().bind(model.working);
        HBox form = new HBox(8, name, become);
        form.setAlignment(Pos.CENTER_LEFT);
        form.visibleProperty().bind(model.artist.not());
        form.managedProperty().bind(form.visibleProperty());

        Button open = new Button(i18n.get("settings.artist.open"), new FontIcon(Material2MZ.MIC));
        open.setId("open-studio");
        open.setOnAction(e -> onOpenStudio.run());
        open.visibleProperty().bind(model.artist);
        open.managedProperty().bind(open.visibleProperty());

        Label error = new Label();
        error.textProperty().bind(model.error);
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setId("artist-error");
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        root = new VBox(8, title, hint, form, open, error);
        root.setId("artist-account");
    }
}
