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
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The wall-clock rule as a property, on the real play service over a real SQLite database: whatever plays a
 * listener claims on their devices (overlapping or not, with or without a device, sent in one batch or two), each
 * paid play is credited enough time to qualify, a device's paid time never exceeds the real time its plays (and
 * those of no known device) claim, and the account's never exceeds that times its number of devices.
 */
class WallClockRuleIT {

    private static final long DURATION_MS = 120_000;
    private static ServerWithDatabase env;
    private static String trackId;

    @BeforeContainer
    static void start() {
        env = ServerWithDatabase.start(Databases.Kind.SQLITE);
        trackId = env.db().jdbi().inTransaction(h -> {
            Artist artist = env.catalog().createArtist(h, null, "Wall Clock Artist", "");
            return env.catalog().insertTrack(h, new NewTrack(artist.id(), "Wall Clock", null, null, "Minutes", 1,
                    "Test", DURATION_MS, "MP3", "audio/mpeg", 128, 1_000, "0".repeat(64), null, null)).id();
        });
    }

    @AfterContainer
    static void stop() {
        env.close();
    }

    /** A claimed play: when it started (ms after the session's start), how long, and on which device (0: none). */
    record Claim(long offsetMs, long playedMs, int device) {
    }

    @Provide
    Arbitrary<List<Claim>> claims() {
        Arbitrary<Claim> claim = Combinators.combine(Arbitraries.longs().between(0, 900_000),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 240_000), Arbitraries.of(30_000L, 60_000L)),
                Arbitraries.integers().between(0, 2)).as(Claim::new);
        return claim.list().ofMaxSize(40);
    }

    @Property(tries = 150)
    void paidTimeNeverExceedsTheRealTimeThePlaysClaim(@ForAll("claims") List<Claim> claims,
                                                      @ForAll boolean inTwoBatches) {
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
