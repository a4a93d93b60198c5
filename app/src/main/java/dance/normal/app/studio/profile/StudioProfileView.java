package dance.normal.app.studio.profile;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.ArtworkView;
import dance.normal.app.ui.I18n;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The profile form: the picture with Change picture beside it, the name, the bio, Save, and a line of news. */
final class StudioProfileView {

    /** What the view asks of its controller. */
    interface Actions {
        void onSave();

        /** Change the picture: ask for a file over {@code owner}, then send it. */
        void onChoosePicture(Window owner);
    }

    final ScrollPane root;
    private final Actions actions;

    StudioProfileView(StudioProfileModel model, I18n i18n, Artwork artwork, Actions actions) {
        this.actions = actions;
        Label title = new Label(i18n.get("studio.profile.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label hint = new Label(i18n.get("studio.profile.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        ArtworkView picture = new ArtworkView(128);
        picture.setId("profile-picture");
        model.pictureUrl.addListener((obs, old, url) -> artwork.into(picture, url));
        Button choose = new Button(i18n.get("studio.profile.choosePicture"),
                new FontIcon(Material2AL.ADD_PHOTO_ALTERNATE));
        choose.setId("choose-picture");
        choose.disableProperty().bind(model.working);
        choose.setOnAction(e -> actions.onChoosePicture(choose.getScene() == null ? null
                : choose.getScene().getWindow()));
        Label formats = new Label(i18n.get("studio.profile.pictureFormats"));
        formats.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        formats.setWrapText(true);
        VBox pictureSide = new VBox(8, choose, formats);
        pictureSide.setAlignment(Pos.CENTER_LEFT);
        HBox pictureRow = new HBox(16, picture, pictureSide);
        pictureRow.setAlignment(Pos.CENTER_LEFT);

        Label nameLabel = new Label(i18n.get("studio.profile.name"));
        TextField name = new TextField();
        name.setId("profile-name");
        name.textProperty().bindBidirectional(model.name);
        name.setAccessibleText(i18n.get("studio.profile.name"));
        nameLabel.setLabelFor(name);
        Label bioLabel = new Label(i18n.get("studio.profile.bio"));
        TextArea bio = new TextArea();
        bio.setId("profile-bio");
        bio.setWrapText(true);
        bio.setPrefRowCount(6);
        bio.setPromptText(i18n.get("studio.profile.bioPrompt"));
        bio.textProperty().bindBidirectional(model.bio);
        bio.setAccessibleText(i18n.get("studio.profile.bio"));
        bioLabel.setLabelFor(bio);

        Button save = new Button(i18n.get("studio.profile.save"));
        save.getStyleClass().add(Styles.ACCENT);
        save.setId("profile-save");
        save.disableProperty().bind(model.working);
        save.setOnAction(e -> actions.onSave());
        Label status = new Label();
        status.textProperty().bind(model.status);
        status.getStyleClass().add(Styles.SUCCESS);
        status.setId("profile-status");
        HBox saveRow = new HBox(12, save, status);
        saveRow.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.textProperty().bind(model.error);
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setId("profile-error");
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox form = new VBox(12, title, hint, pictureRow, nameLabel, name, bioLabel, bio, error, saveRow);
        form.setMaxWidth(560);
        form.setPadding(new Insets(20, 24, 24, 24));
        root = new ScrollPane(form);
        root.setFitToWidth(true);
        root.setId("studio-profile");
    }

    Actions actions() {
        return actions;
    }
}
