package dance.normal.app.shell;

import dance.normal.app.nav.NavTarget;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;

/** What the window shows around the screens: who is signed in, the offline banner, which screen, the way back. */
final class ShellModel {

    final StringProperty signedIn = new SimpleStringProperty("");
    final BooleanProperty offline = new SimpleBooleanProperty(false);
    final StringProperty bannerText = new SimpleStringProperty("");
    /** The chosen screen: a navigation bar's, or a Studio's (then the bar's Studio button is chosen). */
    final ObjectProperty<NavTarget> tab = new SimpleObjectProperty<>();
    /** The shown screen's view. */
    final ObjectProperty<Node> screen = new SimpleObjectProperty<>();
    /** Whether the chosen track's panel stands beside the screen (on the screens that list tracks). */
    final BooleanProperty trackPanelBeside = new SimpleBooleanProperty(false);
    final BooleanProperty canGoBack = new SimpleBooleanProperty(false);
    /** Whether the account is an artist: then the window has the Studio. */
    final BooleanProperty artist = new SimpleBooleanProperty(false);
}
