package dance.normal.app.shell;

import atlantafx.base.theme.Styles;
import dance.normal.app.Session;
import dance.normal.app.nowplaying.NowPlayingController;
import dance.normal.app.search.SearchController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.player.queue.QueueItem;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The signed-in window: who is signed in on top, the screen (search, for now), the Now Playing bar below. */
public final class ShellController {

    private final BorderPane root = new BorderPane();
    private final SearchController search;
    private final NowPlayingController nowPlaying;

    public ShellController(Session session, Background background, I18n i18n) {
        this.nowPlaying = new NowPlayingController(session.player());
        this.search = new SearchController(session, background, i18n, (tracks, index) -> nowPlaying.play(
                tracks.stream().map(t -> QueueItem.of(t.id(), t.title(), t.artistName(), t.durationMs())).toList(),
                index));
        Label who = new Label(i18n.get("shell.signedIn", session.email()));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setId("signed-in");
        HBox top = new HBox(who);
        top.setPadding(new Insets(10, 16, 0, 16));
        root.setTop(top);
        root.setCenter(search.view());
        root.setBottom(nowPlaying.view());
        root.setId("shell");
    }

    public Parent view() {
        return root;
    }

    public void onActivate() {
        search.onActivate();
    }
}
