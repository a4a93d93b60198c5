package dance.normal.player.mpris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Introspectable;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The bridge on a private dbus-daemon, seen and steered by a dbus-java client as a desktop would. */
class MprisBridgeIT {

    private static final String NAME = "org.mpris.MediaPlayer2.normaldance";
    private static final String PATH = "/org/mpris/MediaPlayer2";
    private static final String PLAYER = "org.mpris.MediaPlayer2.Player";
    private static final NowPlaying SONG = new NowPlaying("track-7", "Blue Monday", "New Order", "Power, Corruption",
            "https://example.org/cover.jpg", 240_000, NowPlaying.Status.PLAYING, 10_000, 0.8, true, true, false,
            NowPlaying.Loop.NONE);

    @TempDir
    static Path dir;

    private static PrivateBus bus;
    private static String address;

    private DBusConnection client;
    private RecordingTarget target;
    /** The bridge's clock, which stands still unless a test moves it. */
    private final AtomicLong nanos = new AtomicLong();
    private MprisBridge bridge;

    @BeforeAll
    static void startDaemon() throws Exception {
        bus = PrivateBus.start(dir);
        address = bus.address();
    }

    @AfterAll
    static void stopDaemon() throws InterruptedException {
        if (bus != null) {
            bus.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        client = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        target = new RecordingTarget();
        bridge = MprisBridge.start(address, "normaldance", "Normal Dance", target, nanos::get);
    }

    @AfterEach
    void disconnect() {
        bridge.close();
        client.disconnect();
    }

    @Test
    void busNameAppearsAndASecondInstanceGetsItsOwn() throws Exception {
        DBus bus = client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        assertThat(bridge.isConnected()).isTrue();
        assertThat(bridge.busName()).isEqualTo(NAME);
        assertThat(bus.NameHasOwner(NAME)).isTrue();

        try (MprisBridge second = MprisBridge.start(address, "normaldance", "Normal Dance", new RecordingTarget())) {
            assertThat(second.busName()).isEqualTo(NAME + ".instance" + ProcessHandle.current().pid());
            assertThat(bus.NameHasOwner(second.busName())).isTrue();
        }

        bridge.close();
        bridge.close();
        assertThat(bridge.isConnected()).isFalse();
        assertThat(bus.NameHasOwner(NAME)).isFalse();
    }

    @Test
    void getAllReturnsThePublishedState() throws Exception {
        bridge.update(SONG);

        Properties props = client.getRemoteObject(NAME, PATH, Properties.class);
        Map<String, Variant<?>> player = props.GetAll(PLAYER);
        assertThat(player.get("PlaybackStatus").getValue()).isEqualTo("Playing");
        assertThat(player.get("LoopStatus").getValue()).isEqualTo("None");
        assertThat(player.get("Volume").getValue()).isEqualTo(0.8);
        assertThat(player.get("CanGoNext").getValue()).isEqualTo(true);
        assertThat(player.get("CanSeek").getValue()).isEqualTo(true);
        assertThat((Long) player.get("Position").getValue()).isBetween(10_000_000L, 20_000_000L);
        @SuppressWarnings("unchecked")
        Map<String, Variant<?>> meta = (Map<String, Variant<?>>) player.get("Metadata").getValue();
        assertThat(((DBusPath) meta.get("mpris:trackid").getValue()).getPath())
                .isEqualTo("/dance/normal/track/track_2D7");
        assertThat(meta.get("mpris:length").getValue()).isEqualTo(240_000_000L);
        assertThat(meta.get("xesam:title").getValue()).isEqualTo("Blue Monday");
        assertThat(meta.get("xesam:artist").getValue()).isEqualTo(List.of("New Order"));
        assertThat(meta.get("xesam:album").getValue()).isEqualTo("Power, Corruption");
        assertThat(meta.get("mpris:artUrl").getValue()).isEqualTo("https://example.org/cover.jpg");

        Map<String, Variant<?>> root = props.GetAll("org.mpris.MediaPlayer2");
        assertThat(root.get("Identity").getValue()).isEqualTo("Normal Dance");
        assertThat(root.get("CanRaise").getValue()).isEqualTo(true);
        assertThat(root.get("CanQuit").getValue()).isEqualTo(false);
        String status = props.Get(PLAYER, "PlaybackStatus");
        assertThat(status).isEqualTo("Playing");
        assertThatThrownBy(() -> props.Get(PLAYER, "Nope")).isInstanceOf(DBusExecutionException.class);
        // gdbus introspect asks every interface for its properties.
        assertThat(props.GetAll("org.freedesktop.DBus.Peer")).isEmpty();
    }

    @Test
    void introspectionListsBothInterfacesWithTheirPropertyTypes() throws Exception {
        String xml = client.getRemoteObject(NAME, PATH, Introspectable.class).Introspect();

        assertThat(xml).contains("<interface name=\"org.mpris.MediaPlayer2\">",
                "<interface name=\"org.mpris.MediaPlayer2.Player\">",
                "<property name=\"Metadata\" type=\"a{sv}\" access=\"read\" />",
                "<property name=\"Volume\" type=\"d\" access=\"readwrite\" />",
                "<property name=\"SupportedUriSchemes\" type=\"as\" access=\"read\" />",
                "<signal name=\"Seeked\">");
    }

    @Test
    void closeReleasesTheConnectionAndItsThreads() throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        MprisBridge other = MprisBridge.start(address, "other", "Other", new RecordingTarget());
        assertThat(other.isConnected()).isTrue();
        other.update(SONG);
        other.close();

        assertThat(other.isConnected()).isFalse();
        Set<String> leftBehind = Set.of();
        for (int i = 0; i < 30; i++) {
            leftBehind = newThreads(threadsBefore);
            if (leftBehind.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(leftBehind).as("threads left behind").isEmpty();
    }

    @Test
    void commandsOverTheBusReachTheTarget() throws Exception {
        bridge.update(SONG);
        MediaPlayer2Player player = client.getRemoteObject(NAME, PATH, MediaPlayer2Player.class);
        MediaPlayer2 root = client.getRemoteObject(NAME, PATH, MediaPlayer2.class);

        player.PlayPause();
        player.Next();
        player.Previous();
        player.Seek(-5_000_000);
        player.SetPosition(new DBusPath("/dance/normal/track/track_2D7"), 42_000_000);
        player.SetPosition(new DBusPath("/dance/normal/track/stale"), 1_000_000);
        player.Stop();
        player.Play();
        player.Pause();
        root.Raise();

        assertThat(target.take(9)).containsExactly("playPause", "next", "previous", "seekBy -5000",
                "seekTo track-7 42000", "stop", "play", "pause", "raise");
    }

    @Test
    void settingPropertiesReachesTheTarget() throws Exception {
        bridge.update(SONG);
        Properties props = client.getRemoteObject(NAME, PATH, Properties.class);

        props.Set(PLAYER, "Volume", new Variant<>(0.25));
        props.Set(PLAYER, "Volume", new Variant<>(3.0));
        props.Set(PLAYER, "Shuffle", new Variant<>(true));
        props.Set(PLAYER, "LoopStatus", new Variant<>("Track"));

        assertThat(target.take(4)).containsExactly("setVolume 0.25", "setVolume 1.0", "setShuffle true",
                "setLoop TRACK");
        assertThatThrownBy(() -> props.Set(PLAYER, "PlaybackStatus", new Variant<>("Paused")))
                .isInstanceOf(DBusExecutionException.class);
        assertThatThrownBy(() -> props.Set(PLAYER, "LoopStatus", new Variant<>("Forever")))
                .isInstanceOf(DBusExecutionException.class);
    }

    @Test
    void aStatusChangeEmitsPropertiesChangedWithOnlyWhatChanged() throws Exception {
        BlockingQueue<Properties.PropertiesChanged> signals = new LinkedBlockingQueue<>();
        try (AutoCloseable handler = client.addSigHandler(Properties.PropertiesChanged.class, signals::add)) {
            // The first update announces everything (this bridge is new); wait for that signal, so it cannot
            // arrive late and be taken for the next one.
            bridge.update(SONG);
            assertThat(signals.poll(5, TimeUnit.SECONDS)).as("the first update's PropertiesChanged").isNotNull()
                    .satisfies(first -> assertThat(first.getPropertiesChanged()).containsKey("Metadata"));
            bridge.update(withStatus(SONG, NowPlaying.Status.PAUSED, SONG.positionMs()));

            Properties.PropertiesChanged changed = signals.poll(5, TimeUnit.SECONDS);
            assertThat(changed).as("PropertiesChanged").isNotNull();
            assertThat(changed.getInterfaceName()).isEqualTo(PLAYER);
            assertThat(changed.getPath()).isEqualTo(PATH);
            assertThat(changed.getPropertiesChanged()).containsOnlyKeys("PlaybackStatus");
            assertThat(changed.getPropertiesChanged().get("PlaybackStatus").getValue()).isEqualTo("Paused");

            bridge.update(withStatus(SONG, NowPlaying.Status.PAUSED, SONG.positionMs()));
            // Signals arrive in the order they were sent: the next one is the next change's, not the repeat's.
            bridge.update(withStatus(SONG, NowPlaying.Status.PLAYING, SONG.positionMs()));
            Properties.PropertiesChanged next = signals.poll(5, TimeUnit.SECONDS);
            assertThat(next).as("the next change's PropertiesChanged").isNotNull();
            assertThat(next.getPropertiesChanged()).as("no signal without a change").containsOnlyKeys("PlaybackStatus");
            assertThat(next.getPropertiesChanged().get("PlaybackStatus").getValue()).isEqualTo("Playing");
        }
    }

    @Test
    void aJumpEmitsSeekedButNormalProgressDoesNot() throws Exception {
        bridge.update(withStatus(SONG, NowPlaying.Status.PAUSED, 10_000));
        BlockingQueue<MediaPlayer2Player.Seeked> signals = new LinkedBlockingQueue<>();
        try (AutoCloseable handler = client.addSigHandler(MediaPlayer2Player.Seeked.class, signals::add)) {
            bridge.update(withStatus(SONG, NowPlaying.Status.PLAYING, 10_000));
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
            bridge.update(withStatus(SONG, NowPlaying.Status.PLAYING, 10_200));
            bridge.update(withStatus(SONG, NowPlaying.Status.PLAYING, 60_000));

            MediaPlayer2Player.Seeked seeked = signals.poll(5, TimeUnit.SECONDS);
            assertThat(seeked).as("Seeked").isNotNull();
            assertThat(seeked.getPositionUs()).isEqualTo(60_000_000L);
            // Signals arrive in the order they were sent: the next Seeked is the next jump's.
            bridge.update(withStatus(SONG, NowPlaying.Status.PLAYING, 120_000));
            MediaPlayer2Player.Seeked next = signals.poll(5, TimeUnit.SECONDS);
            assertThat(next).as("the next jump's Seeked").isNotNull();
            assertThat(next.getPositionUs()).as("one Seeked only").isEqualTo(120_000_000L);
        }
    }

    @Test
    void withoutABusTheBridgeStartsQuietlyAndDoesNothing() throws Exception {
        Path refusing = dir.resolve("refusing");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(refusing));
        }
        // The socket file stays behind with nobody listening: connecting is refused.
        List<String> addresses = List.of("unix:path=" + dir.resolve("missing/bus"), "unix:path=" + refusing);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        try {
            for (String missing : addresses) {
                MprisBridge quiet = MprisBridge.start(missing, "normaldance", "Normal Dance", target);
                assertThat(quiet.isConnected()).isFalse();
                assertThat(quiet.busName()).isEmpty();
                quiet.update(SONG);
                quiet.close();
                quiet.close();
            }
            MprisBridge unset = MprisBridge.start(null, "normaldance", "Normal Dance", target);
            assertThat(unset.isConnected()).isFalse();
            unset.close();
        } finally {
            root.detachAppender(log);
        }

        List<ILoggingEvent> infoOrWorse = log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
        assertThat(infoOrWorse).hasSize(3)
                .allSatisfy(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.INFO);
                    assertThat(e.getLoggerName()).isEqualTo(MprisBridge.class.getName());
                    assertThat(e.getThrowableProxy()).isNull();
                });
        // Without a bus nothing is started at all (the socket is probed in the caller's thread), so a thread left
        // behind would be there as soon as close returned.
        assertThat(newThreads(threadsBefore)).as("threads left behind").isEmpty();
        assertThat(target.calls).isEmpty();
    }

    private static Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).collect(Collectors.toSet());
    }

    private static NowPlaying withStatus(NowPlaying np, NowPlaying.Status status, long positionMs) {
        return new NowPlaying(np.trackId(), np.title(), np.artist(), np.album(), np.artUrl(), np.lengthMs(), status,
                positionMs, np.volume(), np.canGoNext(), np.canGoPrevious(), np.shuffle(), np.loop());
    }

    /** Records each call as a short line, as the desktop's requests arrive. */
    private static final class RecordingTarget implements MprisTarget {

        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

        List<String> take(int count) throws InterruptedException {
            List<String> taken = new ArrayList<>();
            while (taken.size() < count) {
                String call = calls.poll(5, TimeUnit.SECONDS);
                if (call == null) {
                    break;
                }
                taken.add(call);
            }
            return taken;
        }

        @Override
        public void play() {
            calls.add("play");
        }

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void playPause() {
            calls.add("playPause");
        }

        @Override
        public void stop() {
            calls.add("stop");
        }

        @Override
        public void next() {
            calls.add("next");
        }

        @Override
        public void previous() {
            calls.add("previous");
        }

        @Override
        public void seekBy(long offsetMs) {
            calls.add("seekBy " + offsetMs);
        }

        @Override
        public void seekTo(String trackId, long positionMs) {
            calls.add("seekTo " + trackId + " " + positionMs);
        }

        @Override
        public void setVolume(double zeroToOne) {
            calls.add("setVolume " + zeroToOne);
        }

        @Override
        public void setShuffle(boolean on) {
            calls.add("setShuffle " + on);
        }

        @Override
        public void setLoop(NowPlaying.Loop loop) {
            calls.add("setLoop " + loop);
        }

        @Override
        public void raise() {
            calls.add("raise");
        }
    }
}
