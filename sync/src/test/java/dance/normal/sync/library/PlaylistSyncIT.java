package dance.normal.sync.library;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.library.Likes;
import dance.normal.protocol.library.Playlist;
import dance.normal.protocol.library.Playlists;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.outbox.OutboxEntry;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playlists edited offline and on two devices, delivered to the real server. */
class PlaylistSyncIT {

    private static TestServer server;
    private static List<String> t;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c.withDemo(true));
        t = new ArrayList<>();
        try (ApiClient api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory())) {
            api.changes("", 1000).changes().stream().filter(c -> c.track() != null).limit(6)
                    .forEach(c -> t.add(c.track().id()));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void editsMadeOfflineArriveInOrderAndACreatedThenDeletedPlaylistNeverLingers() {
        String email = server.signup("listener").get("me").get("email").asText();
        Path file = dir.resolve("a.db");
        try (LocalStore store = LocalStore.open(file);
             ApiClient offline = new ApiClient(URI.create("http://127.0.0.1:9/"), TokenStore.inMemory())) {
            Outbox outbox = new Outbox(store, offline, Clock.systemUTC());
            Library library = new Library(store, offline, outbox, Clock.systemUTC());
            String road = library.createPlaylist("Road", List.of(t.get(0), t.get(1)));
            library.updatePlaylist(road, "Road trip", List.of(t.get(0), t.get(1), t.get(2)));
            String temp = library.createPlaylist("Temp", List.of(t.get(3)));
            library.deletePlaylist(temp);
            assertThat(library.playlists()).extracting(LocalPlaylist::name).containsExactly("Road trip");
            assertThat(outbox.deliver().reachedServer()).isFalse();
        }
        try (LocalStore store = LocalStore.open(file); ApiClient api = signedIn(email)) {
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            Library library = new Library(store, api, outbox, Clock.systemUTC());
            Outbox.Round round = outbox.deliver();
            assertThat(round.delivered()).isEqualTo(4);
            assertThat(outbox.entries()).isEmpty();

            List<Playlist> onServer = api.get("/api/v1/me/playlists", Playlists.class).playlists();
            assertThat(onServer).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("Road trip");
                assertThat(p.trackIds()).containsExactly(t.get(0), t.get(1), t.get(2));
                assertThat(p.version()).isEqualTo(2);
            });
            assertThat(library.playlists()).singleElement().satisfies(p -> {
                assertThat(p.serverId()).isEqualTo(onServer.getFirst().id());
                assertThat(p.version()).isEqualTo(2);
            });
        }
    }

    @Test
    void likesShowAtOnceReachTheServerAndFollowOtherDevicesWithoutLosingAPendingChange() {
        String email = server.signup("listener").get("me").get("email").asText();
        Path file = dir.resolve("likes.db");
        try (LocalStore store = LocalStore.open(file);
             ApiClient offline = new ApiClient(URI.create("http://127.0.0.1:9/"), TokenStore.inMemory())) {
            Library library = new Library(store, offline, new Outbox(store, offline, Clock.systemUTC()),
                    Clock.systemUTC());
            library.setLiked(t.get(0), true);
            library.setLiked(t.get(1), true);
            library.setLiked(t.get(1), false);
            library.setLiked(t.get(2), true);
            assertThat(library.likes()).as("at once, offline").containsExactlyInAnyOrder(t.get(0), t.get(2));
            assertThat(library.isLiked(t.get(1))).isFalse();
        }
        try (LocalStore store = LocalStore.open(file); ApiClient api = signedIn(email);
             ApiClient otherDevice = signedIn(email)) {
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            Library library = new Library(store, api, outbox, Clock.systemUTC());
            assertThat(outbox.deliver().lastError()).isNull();
            assertThat(api.get("/api/v1/me/likes", Likes.class).trackIds())
                    .containsExactlyInAnyOrder(t.get(0), t.get(2));

            // Another device likes one and unlikes another; here an unlike waits to be delivered.
            otherDevice.call("PUT", "/api/v1/me/likes/" + t.get(3), null, Object.class, java.util.Map.of(), true);
            otherDevice.call("DELETE", "/api/v1/me/likes/" + t.get(0), null, Object.class, java.util.Map.of(),
                    true);
            library.setLiked(t.get(2), false); // not delivered yet: the server still has the like
            library.pull();
            assertThat(library.likes()).as("the other device's changes, and our pending unlike kept")
                    .containsExactly(t.get(3));
            CatalogMirror mirror = new CatalogMirror(store);
            new CatalogSync(api, store, mirror).pull();
            assertThat(mirror.liked()).extracting(dance.normal.protocol.catalog.Track::id).containsExactly(t.get(3));

            // The likes list is tagged: unchanged, the server answers 304 and sends no list; changed, the new one.
            ApiClient.Tagged<Likes> first = api.getIfChanged("/api/v1/me/likes", Likes.class, null).orElseThrow();
            assertThat(first.etag()).isNotBlank();
            assertThat(api.getIfChanged("/api/v1/me/likes", Likes.class, first.etag())).isEmpty();
            otherDevice.call("PUT", "/api/v1/me/likes/" + t.get(1), null, Object.class, java.util.Map.of(), true);
            assertThat(api.getIfChanged("/api/v1/me/likes", Likes.class, first.etag())).hasValueSatisfying(
                    changed -> assertThat(changed.value().trackIds()).contains(t.get(1), t.get(3)));
            library.pull();
            assertThat(library.likes()).as("another device's like").contains(t.get(1), t.get(3));
            outbox.deliver();
            library.pull();
            library.pull();
            assertThat(library.likes()).containsExactlyInAnyOrder(t.get(1), t.get(3));

            // A like kept through a pull because it was still on its way, then refused by the server: the next pull
            // reads the whole list again (the server's list never changed, so a tag would have said "same") and
            // the refused like goes.
            String gone = java.util.UUID.randomUUID().toString();
            library.setLiked(gone, true);
            library.pull();
            assertThat(library.likes()).as("kept while on its way").contains(gone);
            outbox.deliver();
            library.pull();
            assertThat(library.likes()).as("refused by the server").doesNotContain(gone)
                    .containsExactlyInAnyOrder(t.get(1), t.get(3));
        }
    }

    @Test
    void aPlaylistEditedOnTwoDevicesKeepsBothEditsAndSaysSo() {
        String email = server.signup("listener").get("me").get("email").asText();
        try (LocalStore storeA = LocalStore.open(dir.resolve("deviceA.db"));
             LocalStore storeB = LocalStore.open(dir.resolve("deviceB.db"));
             ApiClient apiA = signedIn(email); ApiClient apiB = signedIn(email)) {
            Outbox outboxA = new Outbox(storeA, apiA, Clock.systemUTC());
            Library a = new Library(storeA, apiA, outboxA, Clock.systemUTC());
            Outbox outboxB = new Outbox(storeB, apiB, Clock.systemUTC());
            Library b = new Library(storeB, apiB, outboxB, Clock.systemUTC());

            String mixA = a.createPlaylist("Mix", List.of(t.get(0), t.get(1), t.get(2)));
            outboxA.deliver();
            b.pull();
            LocalPlaylist mixB = b.playlists().getFirst();
            assertThat(mixB.trackIds()).containsExactly(t.get(0), t.get(1), t.get(2));

            // Device A adds a track and is online; device B, offline, removed the first and added another.
            a.updatePlaylist(mixA, "Mix", List.of(t.get(0), t.get(1), t.get(2), t.get(3)));
            outboxA.deliver();
            b.updatePlaylist(mixB.localId(), "Mix", List.of(t.get(1), t.get(2), t.get(4)));
            Outbox.Round round = outboxB.deliver();

            assertThat(round.delivered()).isEqualTo(1);
            List<String> merged = List.of(t.get(1), t.get(2), t.get(3), t.get(4));
            Playlist onServer = apiA.get("/api/v1/me/playlists", Playlists.class).playlists().getFirst();
            assertThat(onServer.trackIds()).containsExactlyElementsOf(merged);
            assertThat(b.playlist(mixB.localId()).orElseThrow().trackIds()).containsExactlyElementsOf(merged);
            assertThat(outboxB.entries()).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(OutboxEntry.State.CONFLICT);
                assertThat(e.lastError()).contains("changed on another device");
            });
            a.pull();
            assertThat(a.playlist(mixA).orElseThrow().trackIds()).containsExactlyElementsOf(merged);
        }
    }

    @Test
    void aPlaylistKeptOfflineHasItsTracksDownloadedAndFollowsItsChanges() throws Exception {
        String email = server.signup("listener").get("me").get("email").asText();
        try (LocalStore store = LocalStore.open(dir.resolve("offline.db")); ApiClient api = signedIn(email)) {
            CatalogMirror mirror = new CatalogMirror(store);
            new CatalogSync(api, store, mirror).pull();
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            Library library = new Library(store, api, outbox, Clock.systemUTC());
            try (DownloadManager downloads = new DownloadManager(api, store, mirror, dir.resolve("files"),
                    Long.MAX_VALUE, 2, Clock.systemUTC())) {
                library.useDownloads(downloads);
                String trip = library.createPlaylist("Trip", List.of(t.get(0), t.get(1)));
                library.keepOffline(trip, true);
                awaitDone(downloads, t.get(0), t.get(1));
                assertThat(downloads.download(t.get(0)).orElseThrow().pinned()).isTrue();

                library.updatePlaylist(trip, "Trip", List.of(t.get(1), t.get(2)));
                awaitDone(downloads, t.get(2));
                assertThat(downloads.download(t.get(2)).orElseThrow().pinned()).isTrue();
                assertThat(downloads.download(t.get(0)).orElseThrow().pinned()).as("left the playlist").isFalse();
                assertThat(library.isOffline(trip)).isTrue();
            }
        }
    }

    private static void awaitDone(DownloadManager downloads, String... ids) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Arrays.stream(ids).allMatch(id -> downloads.download(id).map(Download::state)
                .orElse(null) == Download.State.DONE)) {
            assertThat(System.nanoTime()).as("downloads within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static ApiClient signedIn(String email) {
        ApiClient api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory());
        api.signIn(new LoginRequest(email, "correct horse battery".toCharArray()));
        return api;
    }
}
