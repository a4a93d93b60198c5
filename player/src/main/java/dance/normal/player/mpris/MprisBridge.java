package dance.normal.player.mpris;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the player on the D-Bus session bus as an MPRIS 2 media player, so media keys, the desktop's sound
 * menu and tools such as {@code playerctl} can see and steer it.
 *
 * <p>Use: {@link #start(String, String, MprisTarget)} once, {@link #update(NowPlaying)} on every change of track,
 * status, volume, queue or a seek, {@link #close()} on shutdown. Without a session bus the bridge does nothing and
 * says so once at INFO; the app need not check. Starting connects to the bus and may take up to a second when
 * the bus does not answer, so call it off the FX thread.
 *
 * <p>Position: the spec wants it read on demand, not announced. The bridge extrapolates it from the last update
 * (moving only while playing), so the app need not update on every tick. An update whose position differs from
 * that extrapolation by more than {@value #SEEK_TOLERANCE_MS} ms counts as a jump and emits {@code Seeked}.
 *
 * <p>Threads: {@link #update(NowPlaying)} may be called from any thread; it sends signals without waiting for
 * the bus. Desktop commands reach the {@link MprisTarget} on dbus-java's threads.
 */
public final class MprisBridge implements AutoCloseable {

    /** The environment variable holding the session bus address. */
    public static final String ADDRESS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS";

    static final String BUS_NAME_PREFIX = "org.mpris.MediaPlayer2.";
    static final long SEEK_TOLERANCE_MS = 1000;
    /** dbus-java retries a failing connect every 500 ms for this long. */
    private static final int CONNECT_TIMEOUT_MS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(MprisBridge.class);
    /** One element of a well-known bus name: letters, digits, '_' and '-', not starting with a digit. */
    private static final Pattern NAME_ELEMENT = Pattern.compile("[A-Za-z_-][A-Za-z0-9_-]*");

    private final DBusConnection connection;
    /** Monotonic time in ns ({@link System#nanoTime()}; a test's own to extrapolate the position on its terms). */
    private final LongSupplier nanoTime;
    /** The bus name held; null until taken. */
    private volatile String busName;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object lock = new Object();
    /** What was last published and when, in one field so a reader never pairs a state with another's time. */
    private volatile Published published;

    private record Published(NowPlaying np, long atNanos) {
    }

    private MprisBridge(DBusConnection connection, LongSupplier nanoTime) {
        this.connection = connection;
        this.nanoTime = nanoTime;
        this.published = new Published(NowPlaying.NOTHING, nanoTime.getAsLong());
    }

    /**
     * Connects to the session bus named by {@value #ADDRESS_VARIABLE} and publishes the player as
     * {@code org.mpris.MediaPlayer2.<busNameSuffix>}, or {@code ...<busNameSuffix>.instance<pid>} when that name is
     * taken (a second instance). Never throws for a missing or unreachable bus: the bridge then does nothing.
     *
     * @param busNameSuffix the last element of the bus name, for example {@code normaldance}
     * @param identity      the player's name as the desktop shows it, for example {@code Normal Dance}
     * @param target        what desktop commands call
     * @return the bridge, connected or not
     * @throws IllegalArgumentException if the suffix is not a valid bus name element
     */
    public static MprisBridge start(String busNameSuffix, String identity, MprisTarget target) {
        return start(System.getenv(ADDRESS_VARIABLE), busNameSuffix, identity, target);
    }

    /** As {@link #start(String, String, MprisTarget)}, on the bus at {@code address} (null: no bus). */
    static MprisBridge start(String address, String busNameSuffix, String identity, MprisTarget target) {
        return start(address, busNameSuffix, identity, target, System::nanoTime);
    }

    /** As {@link #start(String, String, String, MprisTarget)}, telling time by {@code nanoTime}. */
    static MprisBridge start(String address, String busNameSuffix, String identity, MprisTarget target,
                             LongSupplier nanoTime) {
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(busNameSuffix, "busNameSuffix");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(target, "target");
        if (!NAME_ELEMENT.matcher(busNameSuffix).matches()) {
            throw new IllegalArgumentException("Not a bus name element: " + busNameSuffix);
        }
        if (address == null || address.isBlank()) {
            LOG.info("MPRIS desktop integration is off: no D-Bus session bus ({} is not set)", ADDRESS_VARIABLE);
            return new MprisBridge(null, nanoTime);
        }
        Optional<String> unreachable = probe(address);
        if (unreachable.isPresent()) {
            LOG.info("MPRIS desktop integration is off: no D-Bus session bus at {} ({})", address, unreachable.get());
            return new MprisBridge(null, nanoTime);
        }
        DBusConnection connection;
        try {
            connection = DBusConnectionBuilder.forAddress(address).withShared(false)
                    .transportConfig().withTimeout(CONNECT_TIMEOUT_MS).back()
                    .build();
        } catch (DBusException | RuntimeException e) {
            LOG.info("MPRIS desktop integration is off: no D-Bus session bus at {} ({})", address, e.getMessage());
            return new MprisBridge(null, nanoTime);
        }
        MprisBridge bridge = new MprisBridge(connection, nanoTime);
        try {
            // Export before taking the name: a client that sees the name may call at once.
            connection.exportObject(MprisObject.PATH,
                    new MprisObject(target, identity, () -> bridge.published.np(), bridge::positionMs));
            bridge.busName = requestName(connection, BUS_NAME_PREFIX + busNameSuffix);
            LOG.info("MPRIS: published as {}", bridge.busName);
            return bridge;
        } catch (DBusException | RuntimeException e) {
            // Connected but refused (name or export): unexpected, so the details go to the log.
            LOG.warn("MPRIS desktop integration is off: the session bus refused the player", e);
            bridge.close();
            return new MprisBridge(null, nanoTime);
        }
    }

    /**
     * Tries a {@code unix:path=} address with a plain socket first: dbus-java would retry a missing or refusing
     * socket for its whole timeout and log at INFO while doing so. Other kinds of address are left to dbus-java.
     *
     * @return why the bus is unreachable, or empty if it answers or the address is not a plain socket path
     */
    static Optional<String> probe(String address) {
        String first = address.split(";", 2)[0].strip();
        if (!first.startsWith("unix:")) {
            return Optional.empty();
        }
        for (String pair : first.substring("unix:".length()).split(",")) {
            if (pair.startsWith("path=") && !pair.contains("%")) {
                Path socket = Path.of(pair.substring("path=".length()));
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    return Optional.empty();
                } catch (IOException | RuntimeException e) {
                    return Optional.of(Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
                }
            }
        }
        return Optional.empty();
    }

    /** Takes the well-known name, or its {@code .instance<pid>} variant when another player holds it. */
    private static String requestName(DBusConnection connection, String name) throws DBusException {
        DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        if (!bus.NameHasOwner(name)) {
            try {
                connection.requestBusName(name);
                return name;
            } catch (DBusException e) {
                LOG.debug("{} was taken meanwhile", name, e);
            }
        }
        String instance = name + ".instance" + ProcessHandle.current().pid();
        connection.requestBusName(instance);
        return instance;
    }

    /** {@return whether the bridge is on a bus (false without a session bus and after close)} */
    public boolean isConnected() {
        return connection != null && !closed.get() && connection.isConnected();
    }

    /** {@return the bus name the player holds; empty when not connected} */
    public String busName() {
        String name = busName;
        return isConnected() && name != null ? name : "";
    }

    /**
     * Publishes what plays now. Emits {@code PropertiesChanged} with only the properties that changed, and
     * {@code Seeked} when the position jumped. Does nothing when not connected.
     *
     * @param np the new state
     */
    public void update(NowPlaying np) {
        Objects.requireNonNull(np, "np");
        synchronized (lock) {
            if (!isConnected()) {
                return;
            }
            NowPlaying before = published.np();
            long expectedMs = positionMs();
            published = new Published(np, nanoTime.getAsLong());
            Map<String, Variant<?>> changed = changes(MprisProperties.player(before), MprisProperties.player(np));
            if (!changed.isEmpty()) {
                send(() -> new Properties.PropertiesChanged(MprisObject.PATH, MprisProperties.PLAYER_INTERFACE,
                        changed, List.of()));
            }
            if (jumped(before, np, expectedMs)) {
                send(() -> new MediaPlayer2Player.Seeked(MprisObject.PATH, np.positionMs() * 1000));
            }
        }
    }

    /** A jump within the same track; a new track announces itself through Metadata instead. */
    private static boolean jumped(NowPlaying before, NowPlaying after, long expectedMs) {
        return after.hasTrack() && after.trackId().equals(before.trackId())
                && after.status() != NowPlaying.Status.STOPPED
                && Math.abs(after.positionMs() - expectedMs) > SEEK_TOLERANCE_MS;
    }

    private static Map<String, Variant<?>> changes(Map<String, Variant<?>> before, Map<String, Variant<?>> after) {
        Map<String, Variant<?>> changed = new LinkedHashMap<>();
        after.forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                changed.put(name, value);
            }
        });
        return changed;
    }

    /** The position now: the last reported one, plus the time since while playing, never past the end. */
    long positionMs() {
        Published now = published;
        NowPlaying np = now.np();
        long position = np.positionMs();
        if (np.status() == NowPlaying.Status.PLAYING) {
            position += TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - now.atNanos());
            if (np.lengthMs() > 0) {
                position = Math.min(position, np.lengthMs());
            }
        }
        return position;
    }

    /** A signal under construction; dbus-java builds the message in the constructor, which may throw. */
    private interface SignalFactory {
        DBusSignal create() throws DBusException;
    }

    private void send(SignalFactory signal) {
        try {
            connection.sendMessage(signal.create());
        } catch (DBusException | DBusExecutionException e) {
            LOG.warn("MPRIS: could not send a signal", e);
        }
    }

    /** Releases the bus name and the connection. Idempotent; does nothing when not connected. */
    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        // Under the lock, so no update is halfway through sending when the connection goes.
        synchronized (lock) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            if (connection.isConnected()) {
                connection.unExportObject(MprisObject.PATH);
                if (busName != null) {
                    connection.releaseBusName(busName);
                }
            }
        } catch (DBusException | DBusExecutionException e) {
            LOG.debug("MPRIS: releasing {} failed; disconnecting anyway", busName, e);
        } finally {
            connection.disconnect();
        }
        LOG.debug("MPRIS: closed");
    }
}
