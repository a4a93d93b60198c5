package dance.normal.app.shell;

import atlantafx.base.theme.Styles;
import dance.normal.app.Session;
import dance.normal.app.search.SearchController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The signed-in window: who is signed in on top, the screen below (search, for now). */
public final class ShellController {

    private final BorderPane root = new BorderPane();
    private final SearchController search;

    public ShellController(Session session, Background background, I18n i18n) {
        this.search = new SearchController(session, background, i18n);
        Label who = new Label(i18n.get("shell.signedIn", session.email()));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setId("signed-in");
        HBox top = new HBox(who);
        top.setPadding(new Insets(10, 16, 0, 16));
        root.setTop(top);
        root.setCenter(search.view());
        root.setId("shell");
    }

    public Parent view() {
        return root;
    }

    public void onActivate() {
        search.onActivate();
    }
}
