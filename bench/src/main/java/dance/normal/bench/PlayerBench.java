package dance.normal.bench;

import com.sun.net.httpserver.HttpServer;
import dance.normal.player.Playable;
import dance.normal.player.PlaybackState;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.player.audio.PlayerPreferences;
import dance.normal.player.audio.PlayerSettings;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.vlc.AudioTap;
import dance.normal.player.vlc.VlcEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Player start-up and gaps, beside {@code cvlc} (the same libVLC 3 as a program) in the same run. Prints
 * {@code PLAYER key=value} lines for bench/run.
 *
 * <p>What is timed, for ours and for cvlc alike: from the play command to the first block of audio handed to the
 * audio output (ours: libVLC's memory output, the engine's {@link AudioTap}; cvlc: its file output, the moment the
 * file first has data). For ours also: from {@code play()} to the first position listeners receive. cvlc is
 * driven over its remote-control interface ({@code add FILE}) as one long-running process, as our engine is one
 * long-lived object. The gap between tracks is measured on the audio clock, as GaplessIT does.
 *
 * <p>Arguments: DIR (with tone.flac, gap-1.wav..gap-4.wav, readable by the user cvlc runs as), REPS, UID:GID for
 * cvlc, which refuses to run as root.
 */
public final class PlayerBench {

    private static final int GAP_TRACKS = 4;

    private PlayerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int reps = Integer.parseInt(args[1]);
        String cvlcUser = args[2];
        Path tone = dir.resolve("tone.flac");
        HttpServer http = serve(tone);
        URI stream = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/tone.flac");
        try {
            ours(tone.toUri(), "local", reps);
            ours(stream, "stream", reps);
            cvlc(dir, tone.toString(), "local", reps, cvlcUser);
            cvlc(dir, stream.toString(), "stream", reps, cvlcUser);
            gaps(dir);
        } finally {
            http.stop(0);
        }
    }

    /** Our engine, one instance as the app keeps one: play, first audio block, first position, stop. */
    private static void ours(URI source, String label, int reps) throws Exception {
        List<Long> firstBlock = new CopyOnWriteArrayList<>();
        long[] playedAt = new long[1];
        AudioTap tap = (player, ptsUs, frames, rms) -> {
            if (firstBlock.isEmpty() && playedAt[0] != 0) {
                firstBlock.add(System.nanoTime() - playedAt[0]);
            }
        };
        List<Double> blockMs = new ArrayList<>();
        List<Double> positionMs = new ArrayList<>();
        try (VlcEngine engine = VlcEngine.tapped(Duration.ofSeconds(10), tap)) {
            long[] firstPosition = new long[1];
            engine.addListener(new PlayerListener() {
                @Override
                public void onPosition(long position, long duration) {
                    if (position > 0 && firstPosition[0] == 0 && playedAt[0] != 0) {
                        firstPosition[0] = System.nanoTime() - playedAt[0];
                    }
                }
            });
            for (int i = -3; i < reps; i++) {
                firstBlock.clear();
                firstPosition[0] = 0;
                playedAt[0] = System.nanoTime();
                engine.play(source);
                await(() -> !firstBlock.isEmpty() && firstPosition[0] != 0, 10);
                engine.stop();
                playedAt[0] = 0;
                Thread.sleep(150);
                if (i >= 0) {
                    blockMs.add(firstBlock.getFirst() / 1e6);
                    positionMs.add(firstPosition[0] / 1e6);
                }
            }
        }
        report("ours_" + label + "_first_audio", blockMs);
        report("ours_" + label + "_first_position", positionMs);
    }

    /** cvlc as one process driven over its remote control: add, wait for the first audio in its file output. */
    private static void cvlc(Path dir, String source, String label, int reps, String user) throws Exception {
        Path out = dir.resolve("cvlc-out.raw");
        Files.deleteIfExists(out);
        Path home = Files.createDirectories(dir.resolve("cvlc-home"));
        String[] ids = user.split(":");
        List<String> command = List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups",
                "env", "HOME=" + home, "cvlc", "-I", "oldrc", "--rc-fake-tty", "--no-video",
                "--demux=avformat,any", "--aout=afile", "--audiofile-file=" + out, "--no-playlist-autostart");
        Process vlc = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cvlc-" + label + ".log").toFile()).start();
        List<Double> firstAudio = new ArrayList<>();
        try (Writer rc = new OutputStreamWriter(vlc.getOutputStream(), StandardCharsets.UTF_8)) {
            Thread.sleep(1500);
            for (int i = -3; i < reps; i++) {
                Files.deleteIfExists(out);
                long start = System.nanoTime();
                rc.write("add " + source + "\n");
                rc.flush();
                await(() -> size(out) > 0, 10);
                long elapsed = System.nanoTime() - start;
                rc.write("stop\nclear\n");
                rc.flush();
                Thread.sleep(300);
                if (i >= 0) {
                    firstAudio.add(elapsed / 1e6);
                }
            }
            rc.write("quit\n");
            rc.flush();
        } finally {
            if (!vlc.waitFor(5, TimeUnit.SECONDS)) {
                vlc.destroyForcibly();
            }
        }
        report("cvlc_" + label + "_first_audio", firstAudio);
    }

    /** Four 3 s tracks through the Player, three times; the silence between tracks on the audio clock. */
    private static void gaps(Path dir) throws Exception {
        List<long[]> blocks = new CopyOnWriteArrayList<>();
        AudioTap tap = (player, ptsUs, frames, rms) -> blocks.add(new long[] {player, ptsUs, frames});
        List<Double> gapsMs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            blocks.clear();
            List<PlaybackState> states = new CopyOnWriteArrayList<>();
            List<QueueItem> queue = new ArrayList<>();
            for (int t = 1; t <= GAP_TRACKS; t++) {
                queue.add(QueueItem.of("gap-" + t, "Gap " + t, "Bench", 3_000));
            }
            try (Player player = new Player(() -> VlcEngine.tapped(Duration.ofSeconds(10), tap), new PlayQueue(),
                    item -> Playable.of(dir.resolve(item.trackId() + ".wav").toUri()), Clock.systemUTC(),
                    play -> { }, new MemorySettings())) {
                player.addListener(new PlayerListener() {
                    @Override
                    public void onState(PlaybackState state) {
                        states.add(state);
                    }
                });
                player.playNow(queue, 0);
                await(() -> states.contains(PlaybackState.ENDED), 60);
            }
            for (int i = 1; i < blocks.size(); i++) {
                long[] before = blocks.get(i - 1);
                long[] after = blocks.get(i);
                if (before[0] != after[0]) {
                    long endUs = before[1] + AudioTap.durationUs((int) before[2]);
                    gapsMs.add((after[1] - endUs) / 1000.0);
                }
            }
        }
        report("gap", gapsMs);
    }

    private static void report(String name, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p90 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
        System.out.printf(Locale.ROOT, "PLAYER %s_median_ms=%.1f %s_p90_ms=%.1f %s_max_ms=%.1f %s_n=%d%n", name,
                median, name, p90, name, sorted.getLast(), name, sorted.size());
    }

    private static HttpServer serve(Path file) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        byte[] body = Files.readAllBytes(file);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "audio/flac");
            exchange.getResponseHeaders().set("Accept-Ranges", "none");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // The player closed the connection on stop.
            }
        });
        server.start();
        return server;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void await(BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + seconds + " s");
            }
            Thread.sleep(0, 500_000);
        }
    }

    /** Preferences kept in memory only. */
    private static final class MemorySettings implements PlayerSettings {
        @Override
        public PlayerPreferences load() {
            return PlayerPreferences.DEFAULTS;
        }

        @Override
        public void save(PlayerPreferences preferences) {
        }
    }
}
