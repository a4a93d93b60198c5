package dance.normal.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror against the real server on loopback, with its demo catalog: a full sync, then deltas. */
class CatalogSyncIT {

    @TempDir
    Path dir;

    /** One server for the class: seeding the demo catalog takes seconds. Each test leaves its 26 tracks. */
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c.withDemo(true));
        api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory());
    }

    @AfterAll
    static void stop() {
        api.close();
        server.close();
    }

    @Test
    void aFullSyncMirrorsTheCatalogAndALaterOneBringsOnlyWhatChanged() {
        try (LocalStore store = LocalStore.open(dir.resolve("user/library.db"))) {
            CatalogMirror mirror = new CatalogMirror(store);
            CatalogSync sync = new CatalogSync(api, store, mirror);

            int first = sync.pull();
            assertThat(mirror.trackCount()).isEqualTo(26);
            assertThat(first).isGreaterThanOrEqualTo(26);
            assertThat(sync.pull()).as("nothing new").isZero();

            // An artist uploads a track: the next sync brings exactly that.
            String artist = server.signup("artist").get("accessToken").asText();
            JsonNode uploaded = TrackUploads.upload(server, artist, Fixtures.audio("flac", 3, "Velvet Underpass"));
            String id = uploaded.get("id").asText();
            assertThat(sync.pull()).isPositive();
            assertThat(mirror.trackCount()).isEqualTo(27);
            assertThat(mirror.search("velv under", 10)).extracting(Track::id).containsExactly(id);
            assertThat(mirror.track(id)).get().extracting(Track::title).isEqualTo("Velvet Underpass");

            // The artist deletes it: the mirror follows.
            server.send(server.request("/api/v1/tracks/" + id).header("Authorization", "Bearer " + artist)
                    .DELETE().build());
            sync.pull();
            assertThat(mirror.track(id)).isEmpty();
            assertThat(mirror.search("velvet", 10)).isEmpty();
            assertThat(mirror.trackCount()).isEqualTo(26);
        }
    }

    @Test
    void theMirrorBrowsesReleasesAndArtistsOffline() {
        try (LocalStore store = LocalStore.open(dir.resolve("browse/library.db"))) {
            CatalogMirror mirror = new CatalogMirror(store);
            new CatalogSync(api, store, mirror).pull();

            List<Release> releases = mirror.newReleases(100);
            assertThat(releases).hasSizeGreaterThanOrEqualTo(7); // the demo catalog's, and any a test added
            Release newest = releases.stream().filter(r -> !mirror.tracksOfRelease(r.id()).isEmpty()).findFirst()
                    .orElseThrow();
            assertThat(mirror.release(newest.id())).contains(newest);
            List<Track> tracks = mirror.tracksOfRelease(newest.id());
            assertThat(tracks).isNotEmpty().allSatisfy(t -> assertThat(t.releaseId()).isEqualTo(newest.id()));

            Artist artist = mirror.artist(newest.artistId()).orElseThrow();
            assertThat(artist.name()).isEqualTo(newest.artistName());
            assertThat(mirror.releasesOfArtist(artist.id())).contains(newest)
                    .extracting(Release::artistId).containsOnly(artist.id());
            List<Track> ofArtist = mirror.tracksOfArtist(artist.id());
            assertThat(ofArtist).extracting(Track::artistId).containsOnly(artist.id());
            assertThat(ofArtist).containsAll(tracks);
            assertThat(mirror.artist("no-such-artist")).isEmpty();
            assertThat(mirror.release("no-such-release")).isEmpty();
        }
    }

    @Test
    void aSyncCutOffResumesFromItsCursorAfterARestart() {
        Path file = dir.resolve("user/library.db");
        try (LocalStore store = LocalStore.open(file)) {
            new CatalogSync(api, store, new CatalogMirror(store)).pull();
        }
        try (LocalStore reopened = LocalStore.open(file)) {
            CatalogMirror mirror = new CatalogMirror(reopened);
            assertThat(mirror.trackCount()).isEqualTo(26);
            assertThat(new CatalogSync(api, reopened, mirror).pull()).isZero();
        }
    }

    @Test
    void searchTreatsWhatIsTypedAsTextNotSyntax() {
        try (LocalStore store = LocalStore.open(dir.resolve("user/library.db"))) {
            CatalogMirror mirror = new CatalogMirror(store);
            new CatalogSync(api, store, mirror).pull();
            assertThat(mirror.search("\"* OR NEAR(", 10)).isNotNull();
            assertThat(mirror.search("   ", 10)).isEmpty();
            Track any = mirror.search("a", 1).getFirst();
            assertThat(mirror.search(any.title(), 5)).extracting(Track::id).contains(any.id());
        }
    }
}
