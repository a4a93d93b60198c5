package dance.normal.app.session;

import dance.normal.protocol.auth.Device;
import dance.normal.sync.api.ApiClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The account's devices, on the server. */
final class LiveDeviceService implements DeviceService {

    private final ApiClient api;
    private final String thisDeviceKey;

    LiveDeviceService(ApiClient api, String thisDeviceKey) {
        this.api = api;
        this.thisDeviceKey = thisDeviceKey;
    }

    @Override
    public String thisDeviceKey() {
        return thisDeviceKey;
    }

    @Override
    public List<Device> devices() {
        OffFxThread.require("Reading devices");
        return Arrays.asList(api.get("/api/v1/me/devices", Device[].class));
    }

    @Override
    public void removeDevice(String deviceId) {
        OffFxThread.require("Removing a device");
        api.call("DELETE", "/api/v1/me/devices/" + UUID.fromString(deviceId), null, Void.class, Map.of(), true);
    }
}
