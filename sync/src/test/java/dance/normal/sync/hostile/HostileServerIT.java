package dance.normal.sync.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dance.normal.protocol.catalog.StreamUrl;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.sync.Change;
import dance.normal.protocol.sync.SyncPage;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.BadResponseException;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.store.LocalStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile server chosen by the listener: a real HTTP server on loopback that answers the API with ids made to be
 * paths ({@code ../../outside/x}). The client refuses them with a sentence naming the value, and writes and deletes
 * nothing outside its data directory. The real server makes only UUIDs, so it cannot play this part.
 */
class HostileServerIT {

    private static final ObjectMapper JSON = ApiClient.mapper();
    private static final byte[] AUDIO = "ID3 not really music, but bytes with a known hash".getBytes(
            StandardCharsets.US_ASCII);

    @TempDir
    Path root;

    private Path dataDir;
    private Path outside;
    private Path victim;
    private HostileServer server;
    private ApiClient api;
    private LocalStore store;
    private CatalogMirror mirror;

    @BeforeEach
    void start() throws IOException {
        dataDir = Files.createDirectories(root.resolve("data"));
        outside = Files.createDirectories(root.resolve("outside"));
        victim = Files.writeString(outside.resolve("victim.mp3"), "the listener's own file");
        server = new HostileServer();
        api = new ApiClient(URI.create("http://127.0.0.1:" + server.port() + "/"), TokenStore.inMemory());
        store = LocalStore.open(dataDir.resolve("library.db"));
        mirror = new CatalogMirror(store);
    }

    @AfterEach
    void stop() {
        store.close();
        api.close();
        server.close();
    }

    @Test
    void aCatalogPageWithAPathForAnIdIsRefusedWholeBeforeAnythingIsStored() throws IOException {
        Track good = track(UUID.randomUUID().toString(), sha256(AUDIO));
        Track hostile = track("../../outside/x", sha256(AUDIO));
        server.changes = List.of(upsert(1, good), upsert(2, hostile));

        assertThatThrownBy(() -> new CatalogSync(api, store, mirror).pull())
                .isInstanceOf(BadResponseException.class)
                .hasMessage("The server sent \u201c../../outside/x\u201d as a track id, which is not a valid id; it "
                        + "was not used and nothing was saved.");

        assertThat(mirror.track(good.id())).as("the page is refused whole").isEmpty();
        assertThat(mirror.track(hostile.id())).isEmpty();
        assertNothingOutsideTheDataDir();
    }

    @Test
    void downloadsNeverWriteOrDeleteOutsideTheirFolder() throws Exception {
        Track good = track(UUID.randomUUID().toString(), sha256(AUDIO));
        Track badHash = track(UUID.randomUUID().toString(), "../../outside/victim");
        server.changes = List.of(upsert(1, good), upsert(2, badHash));
        new CatalogSync(api, store, mirror).pull();
        // A mirror filled before ids were checked (an older version of the app) may hold a path as an id.
        Track hostile = track("../../outside/x", sha256(AUDIO));
        keepInMirror(hostile);
        // ... and a downloads row whose file name leads out of the folder.
        String older = UUID.randomUUID().toString();
        keepDownload(older, "../../outside/victim.mp3");

        // Room for one track: finishing the good one evicts the older download (its file is not deleted).
        try (DownloadManager downloads = new DownloadManager(api, store, mirror, dataDir.resolve("downloads"),
                AUDIO.length, 2, Clock.systemUTC())) {
            assertThat(downloads.verifiedFile(older)).isEmpty();
            assertThat(downloads.verifiedTrackIds()).isEmpty();

            downloads.download(good.id(), false);
            await(() -> downloads.download(good.id()).map(Download::state).orElse(null) == Download.State.DONE);
            assertThat(downloads.verifiedFile(good.id())).get()
                    .isEqualTo(dataDir.resolve("downloads").resolve(good.id() + ".mp3").toAbsolutePath());
            assertThat(downloads.download(older)).as("evicted").isEmpty();

            assertThatThrownBy(() -> downloads.download(hostile.id(), false))
                    .isInstanceOf(BadResponseException.class)
                    .hasMessage("The server sent \u201c../../outside/x\u201d as a track id, which is not a valid id; "
                            + "it was not used and nothing was saved.");
            assertThat(downloads.download(hostile.id())).isEmpty();
            assertThatThrownBy(() -> downloads.download(badHash.id(), false))
                    .isInstanceOf(BadResponseException.class)
                    .hasMessage("The server sent \u201c../../outside/victim\u201d as the SHA-256 of \u201cTrack "
                            + badHash.id().substring(0, 8) + "\u201d, which is not one; it was not used and nothing "
                            + "was saved.");
            assertThat(downloads.download(badHash.id())).isEmpty();

            keepDownload(older, "../../outside/victim.mp3");
            downloads.remove(older);
            downloads.remove(hostile.id());
            assertThat(downloads.download(older)).isEmpty();
            assertThat(downloads.verifiedTrackIds()).containsExactly(good.id());
        }
        assertThat(victim).hasContent("the listener's own file");
        assertNothingOutsideTheDataDir();
    }

    /** The only things outside the data dir are the listener's own, unchanged. */
    private void assertNothingOutsideTheDataDir() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(p -> !p.startsWith(dataDir)).map(p -> root.relativize(p).toString()))
                    .containsExactlyInAnyOrder("", "outside", "outside/victim.mp3");
        }
        assertThat(victim).hasContent("the listener's own file");
    }

    private void keepInMirror(Track t) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tracks (id, title, artist_id, artist_name, "
                    + "release_id, release_title, genre, duration_ms, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.id());
                ps.setString(2, t.title());
                ps.setString(3, t.artistId());
                ps.setString(4, t.artistName());
                ps.setString(5, t.releaseId());
                ps.setString(6, t.releaseTitle());
                ps.setString(7, t.genre());
                ps.setLong(8, t.durationMs());
                ps.setString(9, JSON.writeValueAsString(t));
                ps.executeUpdate();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private void keepDownload(String trackId, String fileName) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO downloads (track_id, state, bytes_done, "
                    + "bytes_total, sha256, file_name, created_at) VALUES (?, 'DONE', ?, ?, ?, ?, ?)")) {
                ps.setString(1, trackId);
                ps.setLong(2, Files.size(victim));
                ps.setLong(3, Files.size(victim));
                ps.setString(4, sha256(Files.readAllBytes(victim)));
                ps.setString(5, fileName);
                ps.setString(6, Instant.now().toString());
                ps.executeUpdate();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static Track track(String id, String sha) {
        return new Track(id, "Track " + id.substring(0, 8), UUID.randomUUID().toString(), "Someone",
                UUID.randomUUID().toString(), "Somewhere", 1, "Ambient", 1_000, "mp3", "audio/mpeg", 128,
                AUDIO.length, sha, null, null, null);
    }

    private static Change upsert(long seq, Track t) {
        return new Change(seq, Change.Op.UPSERT, Change.Entity.TRACK, t.id(), null, null, t);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Answers the change feed with {@link #changes}, stream URLs for any track id, and the same bytes for each. */
    private static final class HostileServer implements AutoCloseable {

        private final HttpServer http;
        volatile List<Change> changes = List.of();

        HostileServer() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", this::answer);
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v1/sync")) {
                json(exchange, new SyncPage(changes, "c-" + changes.size(), false));
            } else if (path.startsWith("/api/v1/tracks/") && path.endsWith("/stream-url")) {
                json(exchange, new StreamUrl("http://127.0.0.1:" + port() + "/media/any",
                        Instant.now().plusSeconds(600)));
            } else if (path.equals("/media/any")) {
                send(exchange, 200, "audio/mpeg", AUDIO);
            } else {
                send(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.US_ASCII));
            }
        }

        private static void json(HttpExchange exchange, Object body) throws IOException {
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
        }

        private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
