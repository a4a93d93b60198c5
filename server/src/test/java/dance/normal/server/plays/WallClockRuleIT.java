package dance.normal.server.plays;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.Role;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.plays.PlayBatch;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.support.Databases;
import dance.normal.server.support.ServerWithDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wall-clock rule as a property, on the real play service over a real SQLite database: whatever plays a
 * listener claims on their devices (overlapping or not, with or without a device, sent in one batch or two), each
 * paid play is credited enough time to qualify, a device's paid time never exceeds the real time its plays (and
 * those of no known device) claim, and the account's never exceeds that times its number of devices.
 *
 * <p>The claims are drawn from a seeded random source (150 cases, each named by its seed, so a failure is
 * reproducible); jqwik is not used (decision 0037).
 */
class WallClockRuleIT {

    private static final long DURATION_MS = 120_000;
    private static ServerWithDatabase env;
    private static String trackId;

    @BeforeAll
    static void start() {
        env = ServerWithDatabase.start(Databases.Kind.SQLITE);
        trackId = env.db().jdbi().inTransaction(h -> {
            Artist artist = env.catalog().createArtist(h, null, "Wall Clock Artist", "");
            return env.catalog().insertTrack(h, new NewTrack(artist.id(), "Wall Clock", null, null, "Minutes", 1,
                    "Test", DURATION_MS, "MP3", "audio/mpeg", 128, 1_000, "0".repeat(64), null, null)).id();
        });
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** A claimed play: when it started (ms after the session's start), how long, and on which device (0: none). */
    record Claim(long offsetMs, long playedMs, int device) {
    }

    /** 150 seeded cases: up to 40 claims each, half of them sent in two batches. */
    static Stream<Arguments> claims() {
        return LongStream.range(0, 150).mapToObj(seed -> {
            Random random = new Random(seed);
            List<Claim> claims = new ArrayList<>();
            for (int n = random.nextInt(41); n > 0; n--) {
                long played = switch (random.nextInt(4)) {
                    case 0 -> 30_000L; // exactly the 30 s a play needs to qualify
                    case 1 -> 60_000L; // two plays' worth, enough to overlap another
                    default -> random.nextLong(240_001);
                };
                claims.add(new Claim(random.nextLong(900_001), played, random.nextInt(3)));
            }
            return Arguments.of(seed, claims, random.nextBoolean());
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("claims")
    void paidTimeNeverExceedsTheRealTimeThePlaysClaim(long seed, List<Claim> claims, boolean inTwoBatches) {
        Instant now = Instant.now();
        long base = now.minus(Duration.ofHours(2)).toEpochMilli();
        String account = UUID.randomUUID().toString();
        List<String> devices = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        env.db().jdbi().useTransaction(h -> {
            h.createUpdate("INSERT INTO accounts (id, email, password_hash, role, created_at) "
                    + "VALUES (:id, :e, 'x', 'listener', :now)").bind("id", account)
                    .bind("e", account + "@example.com").bind("now", base).execute();
            for (String d : devices) {
                h.createUpdate("INSERT INTO devices (id, account_id, name, public_key, registered_at) "
                        + "VALUES (:id, :a, 'Device', :k, :now)").bind("id", d).bind("a", account).bind("k", d)
                        .bind("now", base).execute();
            }
            // One stream, long before, that served far more than every play needs: only the rule limits pay.
            h.createUpdate("INSERT INTO stream_sessions (id, account_id, device_id, track_id, offline, "
                            + "bytes_served, bytes_claimed, first_byte_at, last_byte_at) "
                            + "VALUES (:id, :a, NULL, :t, FALSE, :n, 0, :first, :first)")
                    .bind("id", "p-" + account).bind("a", account).bind("t", trackId).bind("n", 1L << 50)
                    .bind("first", base - Duration.ofHours(1).toMillis()).execute();
        });
        List<PlayEvent> plays = new ArrayList<>();
        for (Claim c : claims) {
            plays.add(new PlayEvent(UUID.randomUUID(), trackId, Instant.ofEpochMilli(base + c.offsetMs()),
                    c.playedMs(), c.device() == 0 ? null : devices.get(c.device() - 1), null, null));
        }
        PlayService service = new PlayService(env.db().jdbi(), env.catalog(), Clock.fixed(now, ZoneOffset.UTC));
        Principal principal = new Principal(account, Role.LISTENER, "session");
        int cut = inTwoBatches ? plays.size() / 2 : plays.size();
        if (cut > 0) {
            service.record(principal, new PlayBatch(plays.subList(0, cut)));
        }
        if (cut < plays.size()) {
            service.record(principal, new PlayBatch(plays.subList(cut, plays.size())));
        }

        record Stored(long start, long playedMs, boolean qualified, long creditedMs, String device) {
            WallClock.Interval claimed() {
                return new WallClock.Interval(start, start + playedMs);
            }
        }
        List<Stored> stored = env.db().jdbi().withHandle(h -> h.createQuery("SELECT started_at, played_ms, "
                        + "qualified, credited_ms, device_id FROM plays WHERE account_id = :a")
                .bind("a", account)
                .map((rs, ctx) -> new Stored(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getLong(4),
                        rs.getString(5)))
                .list());
        assertThat(stored).hasSize(plays.size());
        long total = 0;
        for (Stored s : stored) {
            if (s.qualified()) {
                assertThat(PlayService.qualifies(s.creditedMs(), DURATION_MS)).as("credited %s", s).isTrue();
                assertThat(s.creditedMs()).isLessThanOrEqualTo(s.playedMs());
                total += s.creditedMs();
            } else {
                assertThat(s.creditedMs()).isZero();
            }
        }
        for (String d : devices) {
            long paid = stored.stream().filter(s -> s.qualified() && (d.equals(s.device()) || s.device() == null))
                    .mapToLong(Stored::creditedMs).sum();
            long claimedTime = WallClock.unionLength(stored.stream()
                    .filter(s -> d.equals(s.device()) || s.device() == null).map(Stored::claimed).toList());
            assertThat(paid).as("device %s", d).isLessThanOrEqualTo(claimedTime);
        }
        long allClaimed = WallClock.unionLength(stored.stream().map(Stored::claimed).toList());
        assertThat(total).isLessThanOrEqualTo(devices.size() * allClaimed);
        long anonymous = stored.stream().filter(s -> s.qualified() && s.device() == null)
                .mapToLong(Stored::creditedMs).sum();
        assertThat(anonymous).isLessThanOrEqualTo(WallClock.unionLength(stored.stream()
                .filter(s -> s.device() == null).map(Stored::claimed).toList()));
    }
}
