package dance.normal.player.mpris;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.errors.InvalidMethodArgument;
import org.freedesktop.dbus.errors.PropertyReadOnly;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object exported at /org/mpris/MediaPlayer2: both MPRIS interfaces and org.freedesktop.DBus.Properties.
 * dbus-java calls it on its method-call threads; it answers from the bridge's current state and forwards commands
 * to the {@link MprisTarget} without waiting.
 */
final class MprisObject implements MediaPlayer2, MediaPlayer2Player, Properties {

    static final String PATH = "/org/mpris/MediaPlayer2";

    private static final Logger LOG = LoggerFactory.getLogger(MprisObject.class);

    private final MprisTarget target;
    private final Map<String, Variant<?>> rootProperties;
    /** The current state and the extrapolated position, kept by the bridge. */
    private final Supplier<NowPlaying> state;
    private final Supplier<Long> positionMs;

    MprisObject(MprisTarget target, String identity, Supplier<NowPlaying> state, Supplier<Long> positionMs) {
        this.target = target;
        this.rootProperties = MprisProperties.root(identity, overrides(target, "raise"), overrides(target, "quit"));
        this.state = state;
        this.positionMs = positionMs;
    }

    /** Whether the target overrides a default no-op method, so the desktop is not offered what does nothing. */
    private static boolean overrides(MprisTarget target, String method) {
        try {
            return target.getClass().getMethod(method).getDeclaringClass() != MprisTarget.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public String getObjectPath() {
        return PATH;
    }

    // org.mpris.MediaPlayer2

    @Override
    public void Raise() {
        call("Raise", target::raise);
    }

    @Override
    public void Quit() {
        call("Quit", target::quit);
    }

    // org.mpris.MediaPlayer2.Player

    @Override
    public void Next() {
        call("Next", target::next);
    }

    @Override
    public void Previous() {
        call("Previous", target::previous);
    }

    @Override
    public void Pause() {
        call("Pause", target::pause);
    }

    @Override
    public void PlayPause() {
        call("PlayPause", target::playPause);
    }

    @Override
    public void Stop() {
        call("Stop", target::stop);
    }

    @Override
    public void Play() {
        call("Play", target::play);
    }

    @Override
    public void Seek(long offsetUs) {
        call("Seek", () -> target.seekBy(offsetUs / 1000));
    }

    @Override
    public void SetPosition(DBusPath trackId, long positionUs) {
        NowPlaying now = state.get();
        // The spec: ignore a stale track id and a position outside the track.
        if (!now.hasTrack() || trackId == null || !MprisProperties.trackPath(now.trackId()).equals(trackId.getPath())
                || positionUs < 0 || (now.lengthMs() > 0 && positionUs > now.lengthMs() * 1000)) {
            LOG.debug("SetPosition({}, {}) ignored: not the current track or outside it", trackId, positionUs);
            return;
        }
        call("SetPosition", () -> target.seekTo(now.trackId(), positionUs / 1000));
    }

    @Override
    public void OpenUri(String uri) {
        LOG.debug("OpenUri ignored: not supported");
    }

    // org.freedesktop.DBus.Properties

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> value = properties(interfaceName).get(propertyName);
        if (value == null) {
            throw new UnknownProperty(interfaceName + "." + propertyName + " does not exist");
        }
        return (A) value;
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return properties(interfaceName);
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        if (!properties(interfaceName).containsKey(propertyName)) {
            throw new UnknownProperty(interfaceName + "." + propertyName + " does not exist");
        }
        if (!MprisProperties.PLAYER_INTERFACE.equals(interfaceName)
                || !MprisProperties.WRITABLE.contains(propertyName)) {
            throw new PropertyReadOnly(interfaceName + "." + propertyName + " is read-only");
        }
        Object raw = value instanceof Variant<?> variant ? variant.getValue() : value;
        switch (propertyName) {
            case "Volume" -> set(propertyName, raw, Double.class, v -> {
                if (v.isNaN()) {
                    throw new InvalidMethodArgument("Volume must be a number");
                }
                return () -> target.setVolume(Math.clamp(v, 0.0, 1.0));
            });
            case "Shuffle" -> set(propertyName, raw, Boolean.class, on -> () -> target.setShuffle(on));
            case "LoopStatus" -> set(propertyName, raw, String.class, text -> {
                NowPlaying.Loop loop = MprisProperties.parseLoop(text);
                if (loop == null) {
                    throw new InvalidMethodArgument("LoopStatus must be None, Track or Playlist");
                }
                return () -> target.setLoop(loop);
            });
            // Rate: only 1.0 is supported (MinimumRate = MaximumRate = 1), so a new rate is ignored.
            default -> LOG.debug("Set {} ignored", propertyName);
        }
    }

    /** Checks the value's type, lets {@code command} check its content (throwing a D-Bus error), then runs it. */
    private static <T> void set(String name, Object raw, Class<T> type, Function<T, Runnable> command) {
        if (!type.isInstance(raw)) {
            throw new InvalidMethodArgument(name + " has the wrong type");
        }
        call("Set " + name, command.apply(type.cast(raw)));
    }

    private Map<String, Variant<?>> properties(String interfaceName) {
        if (MprisProperties.ROOT_INTERFACE.equals(interfaceName)) {
            return rootProperties;
        }
        if (MprisProperties.PLAYER_INTERFACE.equals(interfaceName)) {
            Map<String, Variant<?>> props = new LinkedHashMap<>(MprisProperties.player(state.get()));
            props.put(MprisProperties.POSITION, MprisProperties.position(positionMs.get()));
            return props;
        }
        // Introspecting tools (gdbus introspect) ask every interface, Peer and Introspectable included.
        return Map.of();
    }

    /** Forwards a command; a failing target is the app's bug, logged here, while the desktop gets a plain reply. */
    private static void call(String what, Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            LOG.warn("MPRIS {} failed in the app", what, e);
        }
    }
}
