package dance.normal.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The symmetric keys of one purpose (access tokens, stream URLs), each named by a key id ({@code kid}) that signed
 * things carry. New things are signed with the current key; a rotated-out key still verifies until everything it
 * signed has expired ({@code maxLifetime} after its retirement), then it is no longer used.
 *
 * <p>Keys live in the database ({@code server_keys}): the first key of a purpose has the purpose as its name and
 * kid (so tokens from before key ids still verify), later ones {@code purpose/KID}. Every server process reads them;
 * a process sees a rotation made by another when it meets an unknown kid, or within {@link #RELOAD} when signing.
 */
public final class KeyRing {

    /** How stale this process's view of the keys may be when it signs. */
    public static final Duration RELOAD = Duration.ofSeconds(30);

    /** A key and its id. */
    public record Key(String kid, byte[] bytes) {
    }

    private record Row(String name, byte[] bytes, long createdAt, Long retiredAt) {
    }

    /** The keys as read at {@code at}: each with the time after which it verifies nothing (MAX_VALUE: never). */
    private record Loaded(Key current, Map<String, Key> keys, Map<String, Long> until, long at) {
    }

    private final Jdbi jdbi;
    private final String purpose;
    private final Duration maxLifetime;
    private final Clock clock;
    private volatile Loaded loaded;

    private KeyRing(Jdbi jdbi, String purpose, Duration maxLifetime, Clock clock, Loaded fixed) {
        this.jdbi = jdbi;
        this.purpose = purpose;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        this.loaded = fixed;
    }

    /** The keys of {@code purpose}, making the first one if there is none yet. */
    public static KeyRing open(Jdbi jdbi, String purpose, Duration maxLifetime, Clock clock) {
        ServerKeys.getOrCreate(jdbi, purpose);
        KeyRing ring = new KeyRing(jdbi, purpose, maxLifetime, clock, null);
        ring.reload();
        return ring;
    }

    /** One fixed key (for tests that mint tokens with a key read from the database). */
    public static KeyRing of(String kid, byte[] key) {
        Key only = new Key(kid, key.clone());
        return new KeyRing(null, kid, Duration.ZERO, Clock.systemUTC(), new Loaded(only, Map.of(kid, only),
                Map.of(kid, Long.MAX_VALUE), Long.MAX_VALUE));
    }

    /** The key to sign with now. */
    public Key current() {
        Loaded now = loaded;
        if (jdbi != null && clock.millis() - now.at() > RELOAD.toMillis()) {
            now = reload();
        }
        return now.current();
    }

    /** The key named {@code kid} (null for things signed before key ids: the first key), if it still verifies. */
    public Optional<Key> find(String kid) {
        String name = kid == null ? purpose : kid;
        Loaded now = loaded;
        // Perhaps rotated by another process; looked up at most once a second, so made-up kids cost nothing.
        if (!now.keys().containsKey(name) && jdbi != null && name.startsWith(purpose + "/")
                && clock.millis() - now.at() > 1000) {
            now = reload();
        }
        Key key = now.keys().get(name);
        if (key == null || clock.millis() >= now.until().get(name)) {
            return Optional.empty(); // unknown, or retired longer ago than anything it signed can live
        }
        return Optional.of(key);
    }

    /** Makes a new current key; the old ones verify until what they signed expires. Returns the new kid. */
    public String rotate() {
        String kid = rotate(jdbi, purpose, clock);
        reload();
        return kid;
    }

    /** Rotates the keys of {@code purpose} in the database. */
    static String rotate(Jdbi jdbi, String purpose, Clock clock) {
        ServerKeys.getOrCreate(jdbi, purpose);
        byte[] key = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(key);
        byte[] id = new byte[8];
        random.nextBytes(id);
        String kid = purpose + "/" + HexFormat.of().formatHex(id);
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE server_keys SET retired_at = :now WHERE (name = :p OR name LIKE :prefix) "
                            + "AND retired_at IS NULL")
                    .bind("now", now).bind("p", purpose).bind("prefix", purpose + "/%").execute();
            h.createUpdate("INSERT INTO server_keys (name, key_bytes, created_at) VALUES (:name, :key, :now)")
                    .bind("name", kid).bind("key", key).bind("now", now).execute();
        });
        return kid;
    }

    private synchronized Loaded reload() {
        long now = clock.millis();
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("SELECT name, key_bytes, created_at, retired_at "
                        + "FROM server_keys WHERE name = :p OR name LIKE :prefix ORDER BY created_at, name")
                .bind("p", purpose).bind("prefix", purpose + "/%")
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getBytes(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)))
                .list());
        Row current = rows.stream().filter(r -> r.retiredAt() == null).reduce((a, b) -> b)
                .orElse(rows.getLast());
        Map<String, Key> keys = rows.stream()
                .collect(Collectors.toMap(Row::name, r -> new Key(r.name(), r.bytes()), (a, b) -> a));
        Map<String, Long> until = rows.stream().collect(Collectors.toMap(Row::name, r -> r.retiredAt() == null
                ? Long.MAX_VALUE : r.retiredAt() + maxLifetime.toMillis(), (a, b) -> a));
        Loaded fresh = new Loaded(new Key(current.name(), current.bytes()), keys, until, now);
        loaded = fresh;
        return fresh;
    }
}
