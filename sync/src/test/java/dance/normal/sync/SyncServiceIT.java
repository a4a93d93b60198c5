package dance.normal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.server.support.Databases;
import dance.normal.server.support.TestServer;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device goes offline when the server stops and back online when it returns, delivering what waited. */
class SyncServiceIT {

    @TempDir
    Path dir;

    @Test
    void goesOfflineAndBackByItselfAndCatchesUp() throws Exception {
        TestServer server = TestServer.start(Databases.Kind.SQLITE, c -> c.withDemo(true));
        int port = server.server().port();
        Path dataDir = server.dataDir();
        String email = server.signup("listener").get("me").get("email").asText();
        ApiClient.Options quick = new ApiClient.Options(Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2, Duration.ofMillis(20), Duration.ofMillis(50), 2, Duration.ofMillis(300));
        List<SyncService.Status> seen = new CopyOnWriteArrayList<>();
        try (LocalStore store = LocalStore.open(dir.resolve("library.db"));
             ApiClient api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory(), quick,
                     Clock.systemUTC())) {
            api.signIn(new LoginRequest(email, "correct horse battery".toCharArray()));
            CatalogMirror mirror = new CatalogMirror(store);
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            try (SyncService sync = new SyncService(new CatalogSync(api, store, mirror), outbox, Clock.systemUTC(),
                    Duration.ofSeconds(30), Duration.ofMillis(200))) {
                sync.addListener(seen::add);
                sync.start();
                await(() -> sync.status().online() && sync.status().lastSync() != null);
                assertThat(mirror.trackCount()).isEqualTo(26);
                String trackId = mirror.search("a", 1).getFirst().id();

                server.server().close();
                outbox.recordPlay(new PlayEvent(UUID.randomUUID(), trackId, Instant.now().minusSeconds(300),
                        45_000L));
                sync.outboxChanged();
                sync.syncNow();
                await(() -> !sync.status().online());
                assertThat(sync.status().waiting()).isEqualTo(1);
                assertThat(sync.status().lastError()).isNotBlank();

                TestServer back = TestServer.restart(dataDir, c -> c.withPort(port));
                try {
                    await(() -> sync.status().online() && sync.status().waiting() == 0);
                    assertThat(sync.status().lastError()).isNull();
                } finally {
                    back.close();
                }
            }
        }
        assertThat(seen).extracting(SyncService.Status::online).containsSubsequence(true, false, true);
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
