package dance.normal.app.session;

import dance.normal.protocol.auth.Device;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The account's devices in memory; this device is the one with {@link #thisDeviceKey}. */
public final class FakeDeviceService implements DeviceService {

    public final List<Device> devices = new CopyOnWriteArrayList<>();
    public volatile String thisDeviceKey = "ThisDeviceKey1111111111111111111111111111111";
    /** When set, reading the devices fails with it. */
    public volatile RuntimeException readFailure;
    /** When set, removing a device fails with it. */
    public volatile RuntimeException removeFailure;

    @Override
    public String thisDeviceKey() {
        return thisDeviceKey;
    }

    @Override
    public List<Device> devices() {
        if (readFailure != null) {
            throw readFailure;
        }
        return List.copyOf(devices);
    }

    @Override
    public void removeDevice(String deviceId) {
        if (removeFailure != null) {
            throw removeFailure;
        }
        devices.removeIf(d -> d.id().equals(deviceId));
    }
}
