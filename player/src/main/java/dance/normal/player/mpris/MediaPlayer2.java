package dance.normal.player.mpris;

import java.util.List;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * The D-Bus interface {@code org.mpris.MediaPlayer2} as dbus-java exports it. A wire type: public only because
 * dbus-java calls it by reflection; the app uses {@link MprisBridge}. The property annotations only feed
 * introspection; {@link MprisObject} serves the values through org.freedesktop.DBus.Properties.
 */
@DBusInterfaceName("org.mpris.MediaPlayer2")
@DBusProperty(name = "CanQuit", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "CanRaise", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "HasTrackList", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "Identity", type = String.class, access = Access.READ)
@DBusProperty(name = "SupportedUriSchemes", type = MediaPlayer2.StringList.class, access = Access.READ)
@DBusProperty(name = "SupportedMimeTypes", type = MediaPlayer2.StringList.class, access = Access.READ)
@SuppressWarnings("checkstyle:MethodName")
public interface MediaPlayer2 extends DBusInterface {

    /** Brings the player's window to the front. */
    void Raise();

    /** Quits the player. */
    void Quit();

    /** The D-Bus type {@code as}, for introspection. */
    interface StringList extends TypeRef<List<String>> {
    }
}
