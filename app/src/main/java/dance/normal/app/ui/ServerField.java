package dance.normal.app.ui;

import atlantafx.base.theme.Styles;
import dance.normal.app.AppConfig;
import dance.normal.app.Session;
import dance.normal.sync.api.UnreachableException;
import java.net.URI;
import java.util.function.Consumer;
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
        message.setWrapText(true);
        message.setId("server-message");
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        connect.setOnAction(e -> {
            URI next;
            try {
                next = AppConfig.serverAddress(address.getText());
            } catch (IllegalArgumentException bad) {
                say(i18n.get("server.notAnAddress"), true);
                return;
            }
            if (next.equals(current)) {
                say(i18n.get("server.already"), false);
                return;
            }
            say(i18n.get("server.checking", next), false);
            connect.setDisable(true);
            background.run(() -> Session.isNormalDanceServer(next), ours -> {
                connect.setDisable(false);
                if (ours) {
                    say("", false);
                    onConnect.accept(next);
                } else {
                    say(i18n.get("server.notOurs", next), true);
                }
            }, error -> {
                connect.setDisable(false);
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

    public void focus() {
        address.requestFocus();
        address.selectAll();
    }

    public VBox view() {
        return root;
    }
}
