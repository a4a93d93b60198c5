package dance.normal.app.ui;

import atlantafx.base.theme.Styles;
import dance.normal.app.AppConfig;
import dance.normal.app.Session;
import dance.normal.sync.api.UnreachableException;
import java.net.URI;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Which server the app talks to: the address, Connect, and one sentence when the address will not do. Connect
 * first checks, in the background, that a Normal Dance server answers there; only then is the change handed on.
 */
public final class ServerField {

    private final VBox root = new VBox(6);
    private final TextField address = new TextField();
    private final Button connect = new Button();
    private final Label message = new Label();
    private final URI current;
    private final BooleanProperty checking = new SimpleBooleanProperty();

    /**
     * @param onConnect given the new server once it has answered
     */
    public ServerField(URI current, Background background, I18n i18n, Consumer<URI> onConnect) {
        this.current = current;
        address.setText(current.toString());
        address.setPromptText("https://music.example.com");
        address.setAccessibleText(i18n.get("settings.server"));
        address.setPrefColumnCount(26);
        address.setId("server-address");
        HBox.setHgrow(address, Priority.ALWAYS);
        connect.setText(i18n.get("server.connect"));
        connect.setId("server-connect");
        connect.setMinWidth(Region.USE_PREF_SIZE);
        connect.disableProperty().bind(checking);
        message.setWrapText(true);
        message.setId("server-message");
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        connect.setOnAction(e -> {
            if (connect.isDisabled()) {
                return; // Enter in the field while a check runs, or while something else runs
            }
            URI next;
            try {
                next = AppConfig.serverAddress(address.getText());
            } catch (IllegalArgumentException bad) {
                say(i18n.get("server.notAnAddress"), true);
                return;
            }
            if (next.getScheme().equals("http") && !AppConfig.isLoopback(next.getHost())) {
                say(i18n.get("server.insecure"), true); // the password would cross the network in the clear
                return;
            }
            if (next.equals(current)) {
                say(i18n.get("server.already"), false);
                return;
            }
            say(i18n.get("server.checking", next), false);
            checking.set(true);
            background.run(() -> Session.isNormalDanceServer(next), ours -> {
                checking.set(false);
                if (ours) {
                    say("", false);
                    onConnect.accept(next);
                } else {
                    say(i18n.get("server.notOurs", next), true);
                }
            }, error -> {
                checking.set(false);
                say(error instanceof UnreachableException ? i18n.get("server.unreachable", next)
                        : i18n.sentence(error), true);
            });
        });
        address.setOnAction(connect.getOnAction());
        HBox line = new HBox(8, address, connect);
        line.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(line, message);
    }

    private void say(String text, boolean error) {
        message.setText(text);
        message.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        message.getStyleClass().add(error ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    public URI current() {
        return current;
    }

    /** Also refuses to connect while {@code busy} (e.g. a sign-in on the current server is under way). */
    public void disableWhile(ObservableBooleanValue busy) {
        connect.disableProperty().bind(checking.or(busy));
        address.disableProperty().bind(busy);
    }

    public void focus() {
        address.requestFocus();
        address.selectAll();
    }

    public VBox view() {
        return root;
    }
}
