package dance.normal.player.mpris;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.TypeRef;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.annotations.PropertiesEmitsChangedSignal.EmitChangeSignal;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The D-Bus interface {@code org.mpris.MediaPlayer2.Player} as dbus-java exports it. A wire type: public only
 * because dbus-java calls it by reflection; the app uses {@link MprisBridge}. Times on the wire are microseconds.
 * The property annotations only feed introspection; {@link MprisObject} serves the values.
 */
@DBusInterfaceName("org.mpris.MediaPlayer2.Player")
@DBusProperty(name = "PlaybackStatus", type = String.class, access = Access.READ)
@DBusProperty(name = "LoopStatus", type = String.class, access = Access.READ_WRITE)
@DBusProperty(name = "Rate", type = Double.class, access = Access.READ_WRITE)
@DBusProperty(name = "Shuffle", type = Boolean.class, access = Access.READ_WRITE)
@DBusProperty(name = "Metadata", type = MediaPlayer2Player.Metadata.class, access = Access.READ)
@DBusProperty(name = "Volume", type = Double.class, access = Access.READ_WRITE)
@DBusProperty(name = "Position", type = Long.class, access = Access.READ, emitChangeSignal = EmitChangeSignal.FALSE)
@DBusProperty(name = "MinimumRate", type = Double.class, access = Access.READ)
@DBusProperty(name = "MaximumRate", type = Double.class, access = Access.READ)
@DBusProperty(name = "CanGoNext", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "CanGoPrevious", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "CanPlay", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "CanPause", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "CanSeek", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "CanControl", type = Boolean.class, access = Access.READ,
        emitChangeSignal = EmitChangeSignal.CONST)
@SuppressWarnings("checkstyle:MethodName")
public interface MediaPlayer2Player extends DBusInterface {

    /** Skips to the next track. */
    void Next();

    /** Goes to the previous track. */
    void Previous();

    /** Pauses. */
    void Pause();

    /** Pauses when playing, plays otherwise. */
    void PlayPause();

    /** Stops. */
    void Stop();

    /** Plays. */
    void Play();

    /**
     * Seeks relative to the current position.
     *
     * @param offsetUs the offset in microseconds
     */
    void Seek(long offsetUs);

    /**
     * Seeks to an absolute position in a track; ignored when the track is not the current one.
     *
     * @param trackId    the track's object path, as in the metadata's {@code mpris:trackid}
     * @param positionUs the position in microseconds
     */
    void SetPosition(DBusPath trackId, long positionUs);

    /**
     * Opens a URI; not supported, does nothing.
     *
     * @param uri the URI
     */
    void OpenUri(String uri);

    /** The D-Bus type {@code a{sv}} of Metadata, for introspection. */
    interface Metadata extends TypeRef<Map<String, Variant<?>>> {
    }

    /** The signal that the position jumped (a seek), not normal progress. */
    class Seeked extends DBusSignal {

        private final long positionUs;

        /**
         * Creates the signal.
         *
         * @param path       the object path it is emitted from
         * @param positionUs the new position in microseconds
         * @throws DBusException if dbus-java cannot build the message
         */
        public Seeked(String path, long positionUs) throws DBusException {
            super(path, positionUs);
            this.positionUs = positionUs;
        }

        /** {@return the new position in microseconds} */
        public long getPositionUs() {
            return positionUs;
        }
    }
}
