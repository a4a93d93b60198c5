package dance.normal.player.vlc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real playback through libVLC's dummy audio output, of files made by ffmpeg and of loopback streams. */
class VlcEngineIT {

    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(2);
    /** The loopback server sends 16 KiB every 40 ms: 400 KB/s, a bit over twice the rate of CD audio. */
    private static final int CHUNK = 16 * 1024;
    private static final long CHUNK_PAUSE_MS = 40;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    @TempDir
    static Path dir;

    private VlcEngine engine;
    private Recorder recorder;
    private HttpServer server;

    @BeforeAll
    static void makeFiles() throws Exception {
        ffmpeg("sine=frequency=440:duration=6", "pcm_s16le", "tone.wav");
        ffmpeg("sine=frequency=440:duration=6", "flac", "tone.flac");
        ffmpeg("sine=frequency=440:duration=6", "libvorbis", "tone.ogg");
        ffmpeg("sine=frequency=440:duration=6", "libmp3lame", "tone.mp3");
        ffmpeg("sine=frequency=330:duration=30", "pcm_s16le", "long.wav");
    }

    @BeforeEach
    void start() {
        engine = VlcEngine.headless(STALL_TIMEOUT);
        recorder = new Recorder();
        engine.addListener(recorder);
    }

    @AfterEach
    void close() throws Exception {
        engine.close();
        engine.whenClosed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tone.wav", "tone.flac", "tone.ogg", "tone.mp3"})
    void playsSeeksAndEndsLocalFile(String name) throws Exception {
        engine.play(dir.resolve(name).toUri());

        recorder.awaitState(PlaybackState.Playing.class::isInstance, 5);
        recorder.awaitPosition(p -> p >= 300, 5);
        // Seek close to the end: libVLC's dummy output drains the last second or so at once.
        assertSeekLands(3500);
        recorder.awaitState(PlaybackState.Ended.class::isInstance, 5);
        assertThat(recorder.errors).isEmpty();
        assertThat(recorder.threads).as("listeners run on the engine's event thread").containsOnly("player-events");
    }

    @Test
    void pauseHoldsThePositionAndResumeGoesOn() throws Exception {
        engine.play(dir.resolve("long.wav").toUri());
        recorder.awaitPosition(p -> p >= 300, 5);

        engine.pause();
        recorder.awaitState(PlaybackState.Paused.class::isInstance, 2);
        long pausedAt = recorder.positions.getLast().positionMs();
        // Three ticks of the control thread come and go with the engine paused (the pause had run when its state
        // was sent); whatever they sent reaches listeners before the state resume() sends next, in order.
        CountDownLatch ticks = new CountDownLatch(3);
        engine.afterEachTickForTest(ticks::countDown);
        assertThat(ticks.await(10, TimeUnit.SECONDS)).as("three ticks while paused").isTrue();

        engine.resume();
        recorder.awaitPosition(p -> p >= pausedAt + 300, 5);
        List<Object> events = List.copyOf(recorder.events);
        int paused = events.indexOf(PlaybackState.PAUSED);
        int resumed = events.subList(paused, events.size()).indexOf(PlaybackState.PLAYING) + paused;
        assertThat(resumed).as("playing again after the pause; saw %s", events).isGreaterThan(paused);
        assertThat(events.subList(paused, resumed)).as("no positions while paused")
                .hasOnlyElementsOfType(PlaybackState.class);
    }

    @Test
    void streamsOverHttpAndSeeksWithRange() throws Exception {
        byte[] body = Files.readAllBytes(dir.resolve("long.wav"));
        List<Long> rangeStarts = new CopyOnWriteArrayList<>();
        URI url = serve(exchange -> {
            rangeStarts.add(rangeStart(exchange));
            sendRange(exchange, body, Long.MAX_VALUE);
        });

        engine.play(url);
        recorder.awaitState(PlaybackState.Playing.class::isInstance, 5);
        recorder.awaitPosition(p -> p >= 300, 5);
        int requestsBeforeSeek = rangeStarts.size();
        // The server sends about twice real time, so the target is not downloaded yet and needs a new Range.
        assertSeekLands(20_000);

        assertThat(rangeStarts.subList(requestsBeforeSeek, rangeStarts.size()))
                .as("a Range request after the seek")
                .anySatisfy(start -> assertThat(start).isGreaterThan(body.length / 2));
        engine.stop();
        recorder.awaitState(PlaybackState.Idle.class::isInstance, 5);
    }

    @Test
    void serverErrorIsAnErrorEvent() throws Exception {
        URI url = serve(exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });

        engine.play(url);

        PlaybackError error = recorder.awaitError(10);
        assertThat(error.kind()).isIn(PlaybackError.Kind.NETWORK, PlaybackError.Kind.UNREADABLE);
        assertThat(recorder.states).anyMatch(PlaybackState.Failed.class::isInstance);
    }

    @Test
    void stallMidBodyFailsWithinBoundedTimeAndPlayDoesNotBlock() throws Exception {
        byte[] body = Files.readAllBytes(dir.resolve("long.wav"));
        CountDownLatch release = new CountDownLatch(1);
        URI url = serve(exchange -> {
            // About three seconds of audio, then silence on an open connection.
            sendRange(exchange, body, 530_000);
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        try {
            long before = System.nanoTime();
            engine.play(url);
            long returnedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(returnedAfterMs).as("play() returned at once").isLessThan(50);

            PlaybackError error = recorder.awaitError(20);
            assertThat(error.kind()).isEqualTo(PlaybackError.Kind.NETWORK);
            assertThat(recorder.states).as("played, then retried once, then failed")
                    .containsSubsequence(PlaybackState.PLAYING, PlaybackState.LOADING, new PlaybackState.Failed(error));
            assertThat(recorder.positions).anyMatch(s -> s.positionMs() > 0);
        } finally {
            release.countDown();
        }
    }

    @Test
    void serverThatNeverAnswersFailsAndNoCallBlocks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        URI url = serve(exchange -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        try {
            long before = System.nanoTime();
            engine.play(url);
            engine.seek(1000);
            engine.pause();
            engine.resume();
            engine.setVolume(50);
            engine.setMuted(true);
            long returnedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(returnedAfterMs).as("the calls returned at once").isLessThan(50);

            assertThat(recorder.awaitError(20).kind()).isEqualTo(PlaybackError.Kind.NETWORK);
        } finally {
            release.countDown();
        }
    }

    @Test
    void truncatedFileIsAnErrorEvent() throws Exception {
        byte[] whole = Files.readAllBytes(dir.resolve("tone.flac"));
        Path truncated = dir.resolve("truncated.flac");
        Files.write(truncated, Arrays.copyOf(whole, 200));

        engine.play(truncated.toUri());

        assertThat(recorder.awaitError(10).kind()).isEqualTo(PlaybackError.Kind.UNREADABLE);
    }

    @Test
    void missingFileIsNotFoundEvent() throws Exception {
        engine.play(dir.resolve("no-such-file.mp3").toUri());

        assertThat(recorder.awaitError(5).kind()).isEqualTo(PlaybackError.Kind.NOT_FOUND);
    }

    /** Seeks and checks that the positions reported next are where the seek said, allowing for time passing. */
    private void assertSeekLands(long target) throws InterruptedException {
        int seen = recorder.positions.size();
        long seekNanos = System.nanoTime();
        engine.seek(target);
        recorder.awaitPositionCount(seen + 3, 5);
        List<Sample> after = recorder.positions.subList(seen, seen + 3);
        for (Sample sample : after) {
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(sample.atNanos() - seekNanos);
            assertThat(sample.positionMs()).as("position %d ms after seeking to %d", elapsedMs, target)
                    .isBetween(target - 250, target + 250 + elapsedMs);
        }
    }

    private URI serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/track", handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/track");
    }

    private static long rangeStart(HttpExchange exchange) {
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null) {
            return -1;
        }
        Matcher m = RANGE.matcher(range);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Answers 206 for a Range request (200 without one), sending at most {@code limit} bytes. */
    private static void sendRange(HttpExchange exchange, byte[] body, long limit) throws IOException {
        long start = Math.max(0, rangeStart(exchange));
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (start >= body.length) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
            exchange.sendResponseHeaders(416, -1);
            exchange.close();
            return;
        }
        long length = body.length - start;
        if (exchange.getRequestHeaders().containsKey("Range")) {
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, length);
        } else {
            exchange.sendResponseHeaders(200, length);
        }
        OutputStream out = exchange.getResponseBody();
        try {
            int end = (int) Math.min(body.length, start + limit);
            for (int at = (int) start; at < end; at += CHUNK) {
                out.write(body, at, Math.min(CHUNK, end - at));
                out.flush();
                Thread.sleep(CHUNK_PAUSE_MS);
            }
            if (end == body.length) {
                out.close();
            }
        } catch (IOException e) {
            // The player closed the connection, e.g. to seek elsewhere.
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ffmpeg(String source, String codec, String name) throws Exception {
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", source, "-ac", "2", "-ar", "44100", "-c:a", codec,
                dir.resolve(name).toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("ffmpeg %s: %s", name, output).isZero();
    }

    private record Sample(long positionMs, long atNanos) {
    }

    /** Records what the engine reports and waits for it, polling. */
    private static final class Recorder implements PlayerListener {
        final List<PlaybackState> states = new CopyOnWriteArrayList<>();
        final List<Sample> positions = new CopyOnWriteArrayList<>();
        final List<PlaybackError> errors = new CopyOnWriteArrayList<>();
        /** States and positions in the order they arrived. */
        final List<Object> events = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void onState(PlaybackState state) {
            threads.add(Thread.currentThread().getName());
            states.add(state);
            events.add(state);
        }

        @Override
        public void onPosition(long positionMs, long durationMs) {
            threads.add(Thread.currentThread().getName());
            Sample sample = new Sample(positionMs, System.nanoTime());
            positions.add(sample);
            events.add(sample);
        }

        @Override
        public void onError(PlaybackError error) {
            errors.add(error);
        }

        void awaitState(Predicate<PlaybackState> wanted, int seconds) throws InterruptedException {
            await(() -> states.stream().anyMatch(wanted), seconds, "state; saw " + states);
        }

        void awaitPosition(Predicate<Long> wanted, int seconds) throws InterruptedException {
            await(() -> positions.stream().anyMatch(s -> wanted.test(s.positionMs())), seconds,
                    "position; states " + states);
        }

        void awaitPositionCount(int count, int seconds) throws InterruptedException {
            await(() -> positions.size() >= count, seconds,
                    count + " positions; states " + states + ", positions " + positions);
        }

        PlaybackError awaitError(int seconds) throws InterruptedException {
            await(() -> !errors.isEmpty(), seconds, "an error; states " + states);
            return errors.getFirst();
        }

        private static void await(BooleanSupplier done, int seconds, String what)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("No " + what + " within " + seconds + " s");
                }
                Thread.sleep(20);
            }
        }
    }
}
