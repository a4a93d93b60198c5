package dance.normal.app.settings;

import dance.normal.app.session.DeviceService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.auth.Device;
import java.util.List;
import javafx.scene.Node;

/**
 * The account's devices on the Settings screen: each holds a wallet key that can sign for the account, so the
 * listener sees them (name, key, when added) and can remove one they no longer use or do not recognise. This device
 * is marked and has no Remove (its key signs this app's purchases). Read and removed in the background. This is the
 * section's controller part: it calls the device service and changes {@link DevicesModel}; {@link DevicesView}
 * shows it.
 */
final class DevicesSection {

    private final DevicesModel model = new DevicesModel();
    private final DeviceService service;
    private final Background background;
    private final I18n i18n;
    private final DevicesView view;

    DevicesSection(DeviceService devices, Background background, I18n i18n) {
        this.service = devices;
        this.background = background;
        this.i18n = i18n;
        this.view = new DevicesView(model, i18n, this::remove);
    }

    Node view() {
        return view.root;
    }

    DevicesModel model() {
        return model;
    }

    /** Reads the devices in the background and shows them. */
    void load() {
        background.run(service::devices, this::show, e -> model.error.set(i18n.get("settings.devicesError")));
    }

    private void remove(String id) {
        model.removing.add(id);
        background.run(() -> {
            service.removeDevice(id);
            return service.devices();
        }, devices -> {
            model.removing.remove(id);
            show(devices);
        }, failure -> {
            model.removing.remove(id);
            model.error.set(i18n.get("settings.removeError"));
        });
    }

    private void show(List<Device> devices) {
        model.error.set("");
        String here = service.thisDeviceKey();
        model.devices.setAll(devices.stream().map(d -> new DevicesModel.Row(d.id(), d.name(),
                shortKey(d.publicKey()) + " · " + i18n.get("settings.deviceAdded", i18n.when(d.registeredAt())),
                d.publicKey().equals(here))).toList());
    }

    /** The start and end of a base58 key, as wallets show addresses. */
    private static String shortKey(String key) {
        return key.length() <= 12 ? key : key.substring(0, 6) + "…" + key.substring(key.length() - 6);
    }
}
