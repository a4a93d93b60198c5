package dance.normal.app.onboarding;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.PasswordFields;
import dance.normal.app.ui.ServerField;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Email, password, "I make music" (with the artist name) when creating an account, one button; the link switches
 * between creating an account and signing in. Below, the server the account lives on, with Change to pick another.
 */
final class OnboardingView {

    /** What the view asks of its controller. */
    interface Actions {
        /**
         * Create the account or sign in with {@code password}, copied out of the field. Answers whether it took the
         * password (the field is then cleared); when the form is not complete it wipes the array, and the field keeps
         * what was typed.
         */
        boolean onSubmit(char[] password);

        void onToggle();
    }

    final StackPane root = new StackPane();

    OnboardingView(OnboardingModel model, I18n i18n, Actions actions, ServerField server) {
        TextField email = new TextField();
        PasswordField password = new PasswordField();
        Button submit = new Button();
        Hyperlink toggle = new Hyperlink();
        Label error = new Label();
        Label title = new Label(i18n.get("app.title"));
        title.getStyleClass().add(Styles.TITLE_1);
        Label tagline = new Label(i18n.get("onboarding.tagline"));
        tagline.setWrapText(true);
        tagline.getStyleClass().add(Styles.TEXT_MUTED);

        email.setPromptText(i18n.get("onboarding.email"));
        email.setAccessibleText(i18n.get("onboarding.email"));
        email.textProperty().bindBidirectional(model.email);
        email.setId("email");
        password.setPromptText(i18n.get("onboarding.password"));
        password.setAccessibleText(i18n.get("onboarding.password"));
        password.setId("password");

        // "I make music": an artist's account, with the name listeners will see (creating only).
        CheckBox makesMusic = new CheckBox(i18n.get("onboarding.makeMusic"));
        makesMusic.selectedProperty().bindBidirectional(model.artist);
        makesMusic.setId("make-music");
        makesMusic.visibleProperty().bind(model.creating);
        makesMusic.managedProperty().bind(makesMusic.visibleProperty());
        makesMusic.disableProperty().bind(model.working);
        TextField artistName = new TextField();
        artistName.setPromptText(i18n.get("onboarding.artistName"));
        artistName.setAccessibleText(i18n.get("onboarding.artistName"));
        artistName.textProperty().bindBidirectional(model.artistName);
        artistName.setId("signup-artist-name");
        artistName.visibleProperty().bind(model.creating.and(model.artist));
        artistName.managedProperty().bind(artistName.visibleProperty());
        artistName.disableProperty().bind(model.working);

        submit.getStyleClass().add(Styles.ACCENT);
        submit.setDefaultButton(true);
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.setId("submit");
        submit.textProperty().bind(model.creating.map(c -> i18n.get(c ? "onboarding.create" : "onboarding.signIn")));
        submit.disableProperty().bind(model.working);
        submit.setOnAction(e -> {
            if (actions.onSubmit(PasswordFields.copy(password))) {
                password.clear();
            }
        });

        toggle.textProperty().bind(model.creating.map(c -> i18n.get(c ? "onboarding.haveAccount"
                : "onboarding.newHere")));
        toggle.setOnAction(e -> actions.onToggle());
        toggle.setId("toggle");
        toggle.disableProperty().bind(model.working);

        error.textProperty().bind(model.error);
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setId("error");
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(28, 28);
        Label working = new Label(i18n.get("onboarding.working"));
        VBox busy = new VBox(8, progress, working);
        busy.setAlignment(Pos.CENTER);
        busy.visibleProperty().bind(model.working);
        busy.managedProperty().bind(busy.visibleProperty());

        Label serverLine = new Label(i18n.get("onboarding.server", server.current()));
        serverLine.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        serverLine.setId("onboarding-server");
        Hyperlink change = new Hyperlink(i18n.get("onboarding.changeServer"));
        change.setId("change-server");
        change.getStyleClass().add(Styles.TEXT_SMALL);
        HBox serverRow = new HBox(4, serverLine, change);
        serverRow.setAlignment(Pos.CENTER_LEFT);
        server.view().setVisible(false);
        server.view().managedProperty().bind(server.view().visibleProperty());
        change.setOnAction(e -> {
            server.view().setVisible(true);
            change.setVisible(false);
            server.focus();
        });
        change.disableProperty().bind(model.working);
        server.disableWhile(model.working);

        VBox form = new VBox(14, title, tagline, email, password, makesMusic, artistName, error, submit, toggle, busy,
                serverRow, server.view());
        form.setMaxWidth(380);
        form.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().add(form);
        root.setAlignment(Pos.CENTER);
        root.setId("onboarding");
    }
}
