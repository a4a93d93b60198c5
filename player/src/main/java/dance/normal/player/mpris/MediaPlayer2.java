package dance.normal.player.mpris;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * The D-Bus interface {@code org.mpris.MediaPlayer2} as dbus-java exports it. A wire type: public only because
 * dbus-java calls it by reflection; the app uses {@link MprisBridge}.
 */
@DBusInterfaceName("org.mpris.MediaPlayer2")
@SuppressWarnings("checkstyle:MethodName")
public interface MediaPlayer2 extends DBusInterface {

    /** Brings the player's window to the front. */
    void Raise();

    /** Quits the player. */
    void Quit();
}
