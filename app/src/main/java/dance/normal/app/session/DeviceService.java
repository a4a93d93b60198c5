package dance.normal.app.session;

import dance.normal.protocol.auth.Device;
import java.util.List;

/** The account's devices, each holding a wallet key that can sign for the account. Refuses the FX thread. */
public interface DeviceService {

    /** The public key of this device's wallet (to mark it among the account's devices). */
    String thisDeviceKey();

    List<Device> devices();

    /** Removes one of the account's devices: its key signs nothing for the account from now on. */
    void removeDevice(String deviceId);
}
