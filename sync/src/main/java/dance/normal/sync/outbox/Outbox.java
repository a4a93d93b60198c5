package dance.normal.sync.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.plays.PlayBatch;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.protocol.plays.PlayReceipts;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ApiException;
import dance.normal.sync.api.BadResponseException;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.api.UnreachableException;
import dance.normal.sync.store.LocalStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Actions the listener takes are written here first, durably, and delivered to the server when it can be reached:
 * in the order they were taken, exactly once.
 *
 * <p>Exactly once: every entry has an idempotency key that travels with it (a play's own id, the key header of a
 * create), and the server applies a key once. An entry is deleted only after the server has answered; if the
 * process dies between the answer and the delete, the next delivery repeats it and the server recognises it. The
 * outbox survives restarts because it is in the {@link LocalStore}.
 *
 * <p>Order: entries are sent in {@code seq} order; plays go in batches. When an entry cannot be delivered now, the
 * later entries about the same item wait (an unlike never overtakes its like). When the server cannot be reached,
 * the round stops. A refusal the server will always repeat (a 4xx) settles the entry as {@code FAILED} and keeps it
 * to be reported; the rest go on.
 */
public final class Outbox {

    private static final String RECEIPT_COUNTER = "receipts.counter.";

    /** The most plays sent in one request. */
    public static final int PLAY_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final LocalStore store;
    private final ApiClient api;
    private final Clock clock;
    private final ObjectMapper json = ApiClient.mapper();
    private final Map<OutboxEntry.Kind, Deliverer> deliverers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Delivers one kind of entry that another part of sync owns (playlists: the Library). */
    @FunctionalInterface
    public interface Deliverer {
        /**
         * Sends the entry to the server.
         *
         * @return null when delivered as asked, or a sentence for the listener when it was delivered after resolving
         *         a conflict (the entry is then kept, settled, to be shown)
         * @throws ApiException when it could not be delivered
         */
        String deliver(OutboxEntry entry);
    }

    /** Registers who delivers entries of a kind. */
    public void register(OutboxEntry.Kind kind, Deliverer deliverer) {
        deliverers.put(kind, Objects.requireNonNull(deliverer, "deliverer"));
    }

    public Outbox(LocalStore store, ApiClient api, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- What the app records.

    /** A finished play; its id is its idempotency key. */
    public void recordPlay(PlayEvent play) {
        add(OutboxEntry.Kind.PLAY, "play:" + play.id(), play.id().toString(), play);
    }

    /**
     * Signs a receipt for a play of a downloaded track (decision 0024).
     */
    @FunctionalInterface
    public interface ReceiptSigner {
        /** The device key's base58 signature of the receipt text, as {@code PlayReceipts} describes it. */
        String sign(String receiptText);
    }

    /**
     * A finished play of a downloaded track, as {@code deviceId}'s signed receipt: the device's next receipt
     * counter is taken, and the signed play stored for delivery, in one transaction, so a counter is never used
     * twice, also across restarts. Replays of the same play are ignored like {@link #recordPlay}.
     */
    public void recordReceipt(PlayEvent play, String deviceId, ReceiptSigner signer) {
        Objects.requireNonNull(deviceId, "deviceId");
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE idempotency_key = ?")) {
                ps.setString(1, play.id().toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return null; // already waiting, under its own counter
                    }
                }
            }
            String key = RECEIPT_COUNTER + deviceId;
            long counter = LocalStore.state(c, key).map(Long::parseLong).orElse(0L) + 1;
            LocalStore.setState(c, key, Long.toString(counter));
            String signature = signer.sign(PlayReceipts.message(play, deviceId, counter));
            add(c, OutboxEntry.Kind.PLAY, "play:" + play.id(), play.id().toString(),
                    play.signed(deviceId, counter, signature));
            return null;
        });
    }

    /** The last receipt counter this store gave {@code deviceId}, 0 before the first. */
    public long receiptCounter(String deviceId) {
        return store.read(c -> LocalStore.state(c, RECEIPT_COUNTER + deviceId).map(Long::parseLong).orElse(0L));
    }

    public void like(String trackId) {
        add(OutboxEntry.Kind.LIKE, "track:" + trackId, UUID.randomUUID().toString(), Map.of("trackId", trackId));
    }

    public void unlike(String trackId) {
        add(OutboxEntry.Kind.UNLIKE, "track:" + trackId, UUID.randomUUID().toString(), Map.of("trackId", trackId));
    }

    /** Entries not yet delivered, oldest first, including settled ones that are kept to be reported. */
    public List<OutboxEntry> entries() {
        return store.read(c -> query(c, "SELECT * FROM outbox ORDER BY seq", -1));
    }

    /** How many entries wait for delivery. */
    public int pending() {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE state = 'PENDING'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Forgets a settled (failed or conflicting) entry once the listener has seen it. */
    public void dismiss(long seq) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ? AND state <> 'PENDING'")) {
                ps.setLong(1, seq);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---- Delivery.

    /** What one round did. */
    public record Round(int delivered, int settled, boolean reachedServer, String lastError) {
    }

    /**
     * Delivers what is pending, in order, until done or the server cannot be reached.
     *
     * @return what was delivered and whether the server answered at all
     */
    public Round deliver() {
        int delivered = 0;
        int settled = 0;
        Set<String> heldBack = new HashSet<>();
        long after = 0;
        while (true) {
            long from = after;
            List<OutboxEntry> batch = store.read(c -> query(c,
                    "SELECT * FROM outbox WHERE state = 'PENDING' AND seq > ? ORDER BY seq LIMIT ?", from));
            if (batch.isEmpty()) {
                return new Round(delivered, settled, true, null);
            }
            after = batch.getLast().seq();
            List<OutboxEntry> plays = new ArrayList<>();
            for (OutboxEntry entry : batch) {
                if (heldBack.contains(entry.itemKey())) {
                    continue;
                }
                if (entry.kind() == OutboxEntry.Kind.PLAY) {
                    plays.add(entry);
                    continue;
                }
                try {
                    String conflict = send(entry);
                    if (conflict == null) {
                        remove(entry);
                    } else {
                        settle(entry, OutboxEntry.State.CONFLICT, conflict);
                    }
                    delivered++;
                } catch (UnreachableException | BadResponseException e) {
                    attempted(entry, e.getMessage());
                    return new Round(delivered, settled, e instanceof BadResponseException, e.getMessage());
                } catch (ProblemException e) {
                    settle(entry, OutboxEntry.State.FAILED, e.problem().detail());
                    heldBack.add(entry.itemKey());
                    settled++;
                }
            }
            if (!plays.isEmpty()) {
                try {
                    sendPlays(plays);
                    plays.forEach(this::remove);
                    delivered += plays.size();
                } catch (UnreachableException | BadResponseException e) {
                    plays.forEach(p -> attempted(p, e.getMessage()));
                    return new Round(delivered, settled, e instanceof BadResponseException, e.getMessage());
                } catch (ProblemException e) {
                    // One bad play refuses the whole batch: send them one by one so only that one is settled.
                    for (OutboxEntry p : plays) {
                        try {
                            sendPlays(List.of(p));
                            remove(p);
                            delivered++;
                        } catch (UnreachableException | BadResponseException again) {
                            attempted(p, again.getMessage());
                            return new Round(delivered, settled, again instanceof BadResponseException,
                                    again.getMessage());
                        } catch (ProblemException refused) {
                            settle(p, OutboxEntry.State.FAILED, refused.problem().detail());
                            settled++;
                        }
                    }
                }
            }
        }
    }

    /** Sends one entry; null when delivered as asked, else the conflict sentence to keep. */
    private String send(OutboxEntry entry) {
        Deliverer deliverer = deliverers.get(entry.kind());
        if (deliverer != null) {
            return deliverer.deliver(entry);
        }
        String trackId = readPayload(entry, Map.class).get("trackId").toString();
        String path = "/api/v1/me/likes/" + URLEncoder.encode(trackId, StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Idempotency-Key", entry.idempotencyKey());
        switch (entry.kind()) {
            case LIKE -> api.call("PUT", path, null, Void.class, headers, true);
            case UNLIKE -> api.call("DELETE", path, null, Void.class, headers, true);
            default -> throw new IllegalStateException("No one delivers " + entry.kind());
        }
        return null;
    }

    private void sendPlays(List<OutboxEntry> plays) {
        List<PlayEvent> events = new ArrayList<>();
        for (OutboxEntry entry : plays) {
            events.add(readPayload(entry, PlayEvent.class));
        }
        for (int i = 0; i < events.size(); i += PLAY_BATCH) {
            api.recordPlays(new PlayBatch(events.subList(i, Math.min(events.size(), i + PLAY_BATCH))));
        }
    }

    // ---- Storage.

    private void add(OutboxEntry.Kind kind, String itemKey, String idempotencyKey, Object payload) {
        store.write(c -> {
            add(c, kind, itemKey, idempotencyKey, payload);
            return null;
        });
    }

    /**
     * Adds an entry in the caller's transaction, so a local change and its entry are kept together or not at all.
     *
     * @param payload written as JSON; read back by the kind's deliverer
     */
    public void add(Connection c, OutboxEntry.Kind kind, String itemKey, String idempotencyKey, Object payload)
            throws SQLException {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store " + kind, e);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (kind, item_key, idempotency_key, "
                + "payload, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
            ps.setString(1, kind.name());
            ps.setString(2, itemKey);
            ps.setString(3, idempotencyKey);
            ps.setString(4, body);
            ps.setString(5, clock.instant().toString());
            ps.executeUpdate();
        }
    }

    /** The item keys starting with {@code prefix} that have changes waiting: one read for a whole list. */
    public static Set<String> pendingKeys(Connection c, String prefix) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT item_key FROM outbox WHERE state = 'PENDING' AND substr(item_key, 1, ?) = ?")) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /** Whether entries about an item wait for delivery (then a pull must not overwrite the local copy). */
    public static boolean hasPending(Connection c, String itemKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM outbox WHERE item_key = ? AND state = 'PENDING' LIMIT 1")) {
            ps.setString(1, itemKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void remove(OutboxEntry entry) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
                ps.setLong(1, entry.seq());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void attempted(OutboxEntry entry, String error) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?")) {
                ps.setString(1, error);
                ps.setLong(2, entry.seq());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void settle(OutboxEntry entry, OutboxEntry.State state, String reason) {
        LOG.info("Outbox entry {} ({}) settled as {}: {}", entry.seq(), entry.kind(), state, reason);
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, state = ?, last_error = ? WHERE seq = ?")) {
                ps.setString(1, state.name());
                ps.setString(2, reason);
                ps.setLong(3, entry.seq());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static List<OutboxEntry> query(Connection c, String sql, long after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (after >= 0) {
                ps.setLong(1, after);
                ps.setInt(2, PLAY_BATCH * 5);
            }
            List<OutboxEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEntry(rs.getLong("seq"), OutboxEntry.Kind.valueOf(rs.getString("kind")),
                            rs.getString("item_key"), rs.getString("idempotency_key"), rs.getString("payload"),
                            Instant.parse(rs.getString("created_at")), rs.getInt("attempts"),
                            OutboxEntry.State.valueOf(rs.getString("state")), rs.getString("last_error")));
                }
            }
            return out;
        }
    }

    private <T> T readPayload(OutboxEntry entry, Class<T> type) {
        try {
            return json.readValue(entry.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox entry " + entry.seq() + " cannot be read", e);
        }
    }
}
