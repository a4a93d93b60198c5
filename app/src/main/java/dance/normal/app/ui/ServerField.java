package dance.normal.app.ui;

import atlantafx.base.theme.Styles;
import dance.normal.app.AppConfig;
import dance.normal.app.session.SessionOpener;
import dance.normal.sync.api.CertificatePins;
import dance.normal.sync.api.UnreachableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
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
import javax.net.ssl.SSLException;

/**
 * Which server the app talks to: the address, Connect, and one sentence when the address will not do. Connect
 * first checks, in the background, that a Normal Dance server answers there; only then is the change handed on. An
 * https server whose certificate no authority vouches for (a self-signed LAN server) shows its fingerprint with Trust
 * and Cancel: Trust pins it (once the server answered with it), Cancel keeps the current server.
 */
public final class ServerField {

    private final VBox root = new VBox(6);
    private final TextField address = new TextField();
    private final Button connect = new Button();
    private final Label message = new Label();
    private final Button trust = new Button();
    private final Button cancel = new Button();
    private final URI current;
    private final Background background;
    private final I18n i18n;
    private final CertificatePins pins;
    private final Consumer<URI> onConnect;
    private final BooleanProperty checking = new SimpleBooleanProperty();
    /** The listener is shown a certificate's fingerprint and asked whether to trust it. */
    private final BooleanProperty choosing = new SimpleBooleanProperty();

    /**
     * @param pins      the certificates trusted on first use (decision 0028): a self-signed server's is shown to the
     *                  listener, who may trust it
     * @param onConnect given the new server once it has answered
     */
    public ServerField(URI current, Background background, I18n i18n, CertificatePins pins,
                       Consumer<URI> onConnect) {
        this.current = current;
        this.background = background;
        this.i18n = i18n;
        this.pins = pins;
        this.onConnect = onConnect;
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
            background.run(() -> check(next, pins), check -> {
                if (check.presented() != null) {
                    ask(next, check.presented(), check.changed());
                } else {
                    answered(next, check.ours());
                }
            }, error -> failed(next, error));
        });
        address.setOnAction(connect.getOnAction());
        HBox line = new HBox(8, address, connect);
        line.setAlignment(Pos.CENTER_LEFT);
        trust.setText(i18n.get("server.trust"));
        trust.setId("server-trust");
        trust.setDefaultButton(false);
        cancel.setText(i18n.get("server.cancel"));
        cancel.setId("server-cancel");
        HBox choice = new HBox(8, trust, cancel);
        choice.setId("server-choice");
        choice.visibleProperty().bind(choosing);
        choice.managedProperty().bind(choosing);
        root.getChildren().addAll(line, message, choice);
    }

    /** What a check found: whether the server is ours, or a certificate to ask the listener about first. */
    private record Check(boolean ours, CertificatePins.Presented presented, boolean changed) {
    }

    /**
     * Off the FX thread: over https, the certificate the server presents; one no authority vouches for and not
     * pinned (or pinned with another fingerprint) is handed back to ask about, else the API description is asked.
     */
    private static Check check(URI next, CertificatePins pins) {
        Background.requireBackground("Checking a server");
        Optional<String> pin = Optional.empty();
        if (next.getScheme().equals("https")) {
            CertificatePins.Presented presented = presented(next);
            if (!presented.trustedByAuthority()) {
                pin = pins.pinned(next);
                if (pin.isEmpty() || !pin.get().equals(presented.fingerprint())) {
                    return new Check(false, presented, pin.isPresent());
                }
            }
        }
        return new Check(SessionOpener.isNormalDanceServer(next, pin), null, false);
    }

    private static CertificatePins.Presented presented(URI next) {
        try {
            return CertificatePins.inspect(next, Duration.ofSeconds(5));
        } catch (SSLException notTls) {
            throw new NotTlsException(notTls);
        } catch (IOException e) {
            throw new UnreachableException("Nothing answers at " + next, e);
        }
    }

    /** Something answers at the https address, but does not speak TLS. */
    private static final class NotTlsException extends RuntimeException {
        NotTlsException(SSLException cause) {
            super(cause);
        }
    }

    /** Shows the fingerprint with Trust and Cancel; Trust checks the server trusting that certificate, and pins it. */
    private void ask(URI next, CertificatePins.Presented presented, boolean changed) {
        // A thin space after each colon lets a line break between pairs, never inside one.
        String shown = presented.fingerprint().replace(":", ":\u2009");
        say(i18n.get(changed ? "server.changed" : "server.untrusted", shown), changed);
        trust.setOnAction(e -> {
            choosing.set(false);
            say(i18n.get("server.checking", next), false);
            String fingerprint = presented.fingerprint();
            background.run(() -> {
                boolean ours = SessionOpener.isNormalDanceServer(next, Optional.of(fingerprint));
                if (ours) {
                    pins.pin(next, presented);
                }
                return ours;
            }, ours -> answered(next, ours), error -> failed(next, error));
        });
        cancel.setOnAction(e -> {
            choosing.set(false);
            checking.set(false);
            say("", false);
            address.setText(current.toString());
        });
        choosing.set(true);
        trust.requestFocus();
    }

    private void answered(URI next, boolean ours) {
        checking.set(false);
        if (ours) {
            say("", false);
            onConnect.accept(next);
        } else {
            say(i18n.get("server.notOurs", next), true);
        }
    }

    private void failed(URI next, Throwable error) {
        checking.set(false);
        say(switch (error) {
            case UnreachableException u -> i18n.get("server.unreachable", next);
            case NotTlsException n -> i18n.get("server.notOurs", next);
            default -> i18n.sentence(error);
        }, true);
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
