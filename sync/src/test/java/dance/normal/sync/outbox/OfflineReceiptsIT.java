package dance.normal.sync.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.Device;
import dance.normal.protocol.auth.DeviceChallenge;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.plays.PlayBatch;
import dance.normal.protocol.plays.PlayBatchResult;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.plays.PlayReceipt;
import dance.normal.protocol.plays.PlayReceipts;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.download.Download;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.store.LocalStore;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.solana.OffchainMessage;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's side of decision 0024 against the real server: a track downloaded for offline play through the real
 * stream route is granted to this device; plays of it become receipts signed with the device key under a counter
 * kept in the local store (so a restart does not reuse one); delivered, each pays once, replays included.
 */
class OfflineReceiptsIT {

    private static TestServer server;
    private static String artistToken;
    private static String trackId;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Databases.Kind.SQLITE, UnaryOperator.identity());
        artistToken = server.signup("artist").get("accessToken").asText();
        trackId = TrackUploads.upload(server, artistToken, Fixtures.audio("mp3", 4, "Receipt Song"),
                TrackUploads.fields("title", "Receipt Song", "release", "Receipts")).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void playsOfADownloadedTrackAreSignedReceiptsThatPayOnceAndKeepTheirCounterAcrossARestart() throws Exception {
        SoftwareSigner key = SoftwareSigner.generate(new SecureRandom());
        Outbox.ReceiptSigner signer = text -> OffchainMessage.sign(key, PlayReceipts.applicationDomain(), text)
                .signatureBase58();
        Path db = dir.resolve("library.db");
        List<PlayEvent> plays = new ArrayList<>();
        try (ApiClient api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory())) {
            api.signUp(new SignupRequest("receipts-" + UUID.randomUUID() + "@example.com",
                    "correct horse battery".toCharArray(), Role.LISTENER, null));
            // Added as the app adds it: the key signs a challenge naming the account, the password steps up.
            DeviceChallenge challenge = api.call("POST", "/api/v1/me/devices/challenge",
                    new DeviceChallengeRequest(Base58.encode(key.publicKey())), DeviceChallenge.class, Map.of(), false);
            String proof = Base58.encode(key.sign(Base64.getDecoder().decode(challenge.message())));
            Device device = api.call("POST", "/api/v1/me/devices", new DeviceRequest(Base58.encode(key.publicKey()),
                    "Test laptop", "correct horse battery".toCharArray(), challenge.challengeId(), proof),
                    Device.class, Map.of(), false);
            api.useDevice(device.id());
            // Stream URLs name the device, so what the server streams is counted as this device's.
            assertThat(api.streamUrl(trackId).url()).contains("dev=" + device.id());
            long durationMs;
            try (LocalStore store = LocalStore.open(db)) {
                CatalogMirror mirror = new CatalogMirror(store);
                new CatalogSync(api, store, mirror).pull();
                durationMs = mirror.track(trackId).map(Track::durationMs).orElseThrow();
                try (DownloadManager downloads = new DownloadManager(api, store, mirror, dir.resolve("downloads"),
                        Long.MAX_VALUE, 2, Clock.systemUTC())) {
                    downloads.download(trackId, false);
                    await(() -> downloads.download(trackId).map(Download::state).orElse(null)
                            == Download.State.DONE);
                }
                Outbox outbox = new Outbox(store, api, Clock.systemUTC());
                for (int i = 0; i < 2; i++) {
                    plays.add(played(durationMs));
                    outbox.recordReceipt(plays.getLast(), device.id(), signer);
                }
                assertThat(outbox.receiptCounter(device.id())).isEqualTo(2);
            }
            // A restart: the counter goes on from where it was.
            try (LocalStore store = LocalStore.open(db)) {
                Outbox outbox = new Outbox(store, api, Clock.systemUTC());
                plays.add(played(durationMs));
                outbox.recordReceipt(plays.getLast(), device.id(), signer);
                assertThat(outbox.receiptCounter(device.id())).isEqualTo(3);
                // The same play recorded again (a retry after a crash) is not a second entry.
                outbox.recordReceipt(plays.getLast(), device.id(), signer);
                assertThat(outbox.pending()).isEqualTo(3);
                List<Long> counters = outbox.entries().stream().map(e -> outboxCounter(e)).toList();
                assertThat(counters).containsExactly(1L, 2L, 3L);

                Outbox.Round round = outbox.deliver();

                assertThat(round.delivered()).isEqualTo(3);
                assertThat(outbox.pending()).isZero();
                // Replayed twice, straight from what was sent: nothing more is paid.
                List<PlayEvent> sent = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    sent.add(plays.get(i).signed(device.id(), i + 1, signer.sign(PlayReceipts.message(plays.get(i),
                            device.id(), i + 1))));
                }
                for (int replay = 0; replay < 2; replay++) {
                    PlayBatchResult again = api.recordPlays(new PlayBatch(sent));
                    assertThat(again.duplicates()).isEqualTo(3);
                    assertThat(again.receipts()).extracting(PlayReceipt::reason).containsOnly(PlayReason.QUALIFIED);
                }
            }
        }
        JsonNode reasons = TestServer.json(server.get("/api/v1/me/artist/plays", artistToken));
        Map<String, Long> counts = new HashMap<>();
        reasons.get("total").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        assertThat(counts).containsExactly(Map.entry("QUALIFIED", 3L));
    }

    /** A whole play of the track, just over on the server's clock. */
    private static PlayEvent played(long durationMs) {
        Instant started = server.clock().instant();
        server.clock().advance(Duration.ofMillis(durationMs + 1_000));
        return new PlayEvent(UUID.randomUUID(), trackId, started, durationMs);
    }

    private static long outboxCounter(OutboxEntry entry) {
        try {
            return ApiClient.mapper().readTree(entry.payload()).get("counter").asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
