package dance.normal.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Studio;
import dance.normal.server.support.TestServer;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener's mirror follows the Studio (decision 0039): the real catalog mirror against a real server on loopback,
 * pulling the change feed after an artist publishes, edits and unpublishes a track and a whole release.
 */
class StudioMirrorIT {

    @TempDir
    Path dir;

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Databases.Kind.SQLITE, c -> c);
        api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory());
    }

    @AfterAll
    static void stop() {
        api.close();
        server.close();
    }

    @Test
    void theMirrorGainsWhatIsPublishedFollowsEditsAndDropsWhatIsUnpublished() {
        try (LocalStore store = LocalStore.open(dir.resolve("mirror/library.db"))) {
            CatalogMirror mirror = new CatalogMirror(store);
            CatalogSync sync = new CatalogSync(api, store, mirror);
            String artist = server.signup("artist").get("accessToken").asText();

            JsonNode draft = Studio.draft(server, artist, "Velvet Draftway", "Quiet Rooms");
            String id = draft.get("id").asText();
            String release = draft.get("releaseId").asText();
            sync.pull();
            int before = mirror.trackCount();
            assertThat(mirror.track(id)).as("a draft is not in the mirror").isEmpty();
            assertThat(mirror.release(release)).isEmpty();
            assertThat(mirror.search("velvet draft", 10)).isEmpty();

            Studio.ok(Studio.post(server, "/api/v1/studio/tracks/" + id + "/publish", artist, null));
            sync.pull();
            assertThat(mirror.track(id)).get().extracting(Track::title).isEqualTo("Velvet Draftway");
            assertThat(mirror.release(release)).isPresent();
            assertThat(mirror.tracksOfRelease(release)).extracting(Track::id).containsExactly(id);
            assertThat(mirror.search("velvet draft", 10)).extracting(Track::id).containsExactly(id);
            assertThat(mirror.trackCount()).isEqualTo(before + 1);

            Studio.ok(Studio.patch(server, "/api/v1/studio/tracks/" + id, artist, Map.of("title", "Amber Hallway")));
            sync.pull();
            assertThat(mirror.track(id)).get().extracting(Track::title).isEqualTo("Amber Hallway");
            assertThat(mirror.search("velvet", 10)).isEmpty();
            assertThat(mirror.search("amber hall", 10)).extracting(Track::id).containsExactly(id);

            Studio.ok(Studio.post(server, "/api/v1/studio/tracks/" + id + "/unpublish", artist, null));
            sync.pull();
            assertThat(mirror.track(id)).as("the mirror no longer lists it").isEmpty();
            assertThat(mirror.search("amber", 10)).isEmpty();
            assertThat(mirror.release(release)).as("a release of drafts only").isEmpty();
            assertThat(mirror.trackCount()).isEqualTo(before);
        }
    }

    @Test
    void aWholeReleaseArrivesAndLeavesAtOnce() {
        try (LocalStore store = LocalStore.open(dir.resolve("release/library.db"))) {
            CatalogMirror mirror = new CatalogMirror(store);
            CatalogSync sync = new CatalogSync(api, store, mirror);
            String artist = server.signup("artist").get("accessToken").asText();
            String one = Studio.draft(server, artist, "Copper Signal", "Two Lamps").get("id").asText();
            JsonNode two = Studio.draft(server, artist, "Copper Static", "Two Lamps");
            String release = two.get("releaseId").asText();
            sync.pull();
            assertThat(mirror.search("copper", 10)).isEmpty();

            Studio.ok(Studio.post(server, "/api/v1/studio/releases/" + release + "/publish", artist, null));
            sync.pull();
            assertThat(mirror.release(release)).isPresent();
            assertThat(mirror.search("copper", 10)).extracting(Track::id)
                    .containsExactlyInAnyOrder(one, two.get("id").asText());

            Studio.ok(Studio.post(server, "/api/v1/studio/releases/" + release + "/unpublish", artist, null));
            sync.pull();
            assertThat(mirror.release(release)).isEmpty();
            assertThat(mirror.search("copper", 10)).isEmpty();
            assertThat(mirror.tracksOfRelease(release)).isEmpty();
        }
    }
}
