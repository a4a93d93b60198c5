package dance.normal.app.settings;

import atlantafx.base.theme.Styles;
import dance.normal.app.session.DeviceService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.auth.Device;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The account's devices on the Settings screen: each holds a wallet key that can sign for the account, so the
 * listener sees them (name, key, when added) and can remove one they no longer use or do not recognise. This device
 * is marked and has no Remove (its key signs this app's purchases). Read and removed in the background.
 */
final class DevicesSection {

    private final DeviceService service;
    private final Background background;
    private final I18n i18n;
    private final VBox list = new VBox(6);
    private final Label error = new Label();
    private final VBox view;

    DevicesSection(DeviceService devices, Background background, I18n i18n) {
        this.service = devices;
        this.background = background;
        this.i18n = i18n;
        Label title = new Label(i18n.get("settings.devices"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label(i18n.get("settings.devicesHint"));
        hint.setWrapText(true);
        hint.setMaxWidth(640);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        error.getStyleClass().add(Styles.DANGER);
        error.setId("devices-error");
        error.setWrapText(true);
        list.setId("devices");
        view = new VBox(8, title, hint, list, error);
    }

    Node view() {
        return view;
    }

    /** Reads the devices in the background and shows them. */
    void load() {
        background.run(service::devices, this::show, e -> error.setText(i18n.get("settings.devicesError")));
    }

    private void show(List<Device> devices) {
        error.setText("");
        list.getChildren().clear();
        for (Device device : devices) {
            boolean here = device.publicKey().equals(service.thisDeviceKey());
            Label name = new Label(device.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label key = new Label(shortKey(device.publicKey()) + " · " + i18n.get("settings.deviceAdded",
                    i18n.when(device.registeredAt())));
            key.getStyleClass().add(Styles.TEXT_MUTED);
            VBox text = new VBox(2, name, key);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox row = new HBox(12, text, gap);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setMaxWidth(640);
            row.getStyleClass().add("device-row");
            if (here) {
                Label tag = new Label(i18n.get("settings.thisDevice"));
                tag.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                row.getChildren().add(tag);
            } else {
                Button remove = new Button(i18n.get("settings.removeDevice"));
                remove.getStyleClass().addAll(Styles.DANGER, Styles.FLAT);
                remove.setId("remove-device-" + device.id());
                remove.setAccessibleText(i18n.get("settings.removeDevice") + " " + device.name());
                remove.setOnAction(e -> {
                    remove.setDisable(true);
                    background.run(() -> {
                        service.removeDevice(device.id());
                        return service.devices();
                    }, this::show, failure -> {
                        remove.setDisable(false);
                        error.setText(i18n.get("settings.removeError"));
                    });
                });
                row.getChildren().add(remove);
            }
            list.getChildren().add(row);
        }
    }

    /** The start and end of a base58 key, as wallets show addresses. */
    private static String shortKey(String key) {
        return key.length() <= 12 ? key : key.substring(0, 6) + "…" + key.substring(key.length() - 6);
    }
}
