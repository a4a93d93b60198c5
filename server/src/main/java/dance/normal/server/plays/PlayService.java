package dance.normal.server.plays;

import dance.normal.protocol.plays.PlayBatch;
import dance.normal.protocol.plays.PlayBatchResult;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.plays.PlayReasons;
import dance.normal.protocol.plays.PlayReceipt;
import dance.normal.protocol.plays.PlayReceipts;
import dance.normal.protocol.plays.Popular;
import dance.normal.server.auth.AccountRepository;
import dance.normal.server.auth.DeviceRepository;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.solana.OffchainMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Records plays sent by clients, exactly once: a play's id is made by the client, and a replayed id hits the
 * primary key and is acknowledged as a duplicate. A batch is all or nothing, so a client can simply resend it.
 *
 * <p>Every play is kept; it is paid ({@code qualified}) only with evidence, and otherwise carries the reason it is
 * not (decision 0024, in the order checked):
 * <ol>
 *   <li>long enough: 30 s, or half the track ({@link PlayReason#TOO_SHORT});
 *   <li>over by now: {@code startedAt + playedMs} is not after now, give or take {@link #CLOCK_SKEW_MS}
 *       ({@link PlayReason#NOT_IN_TIME});
 *   <li>a device it names is the account's ({@link PlayReason#FOREIGN_DEVICE});
 *   <li>evidence: a receipt signed by that device's key, with a fresh counter, for a track the device downloaded
 *       for offline play; or else a stream of the track to the account, begun no later than the play (give or take
 *       the skew) and at least {@code playedMs} before now, that served {@link #bytesNeeded} bytes no other paid
 *       play used;
 *   <li>at most {@link #DAILY_CAP} paid plays of one track by one account per UTC day (by start);
 *   <li>the wall-clock rule ({@link WallClock}): the play is credited only the time no paid play of its device
 *       claims, and that must still be long enough ({@link PlayReason#OVERLAP}).
 * </ol>
 */
public final class PlayService {

    public static final int MAX_BATCH = 500;
    /** A play qualifies (earns royalties) at 30 s, or at half the track for tracks shorter than a minute. */
    public static final long QUALIFYING_MS = 30_000;
    private static final long MAX_PLAYED_MS = Duration.ofHours(24).toMillis();
    private static final Duration MAX_AGE = Duration.ofDays(90);
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
    /** Paid plays of one track by one account per UTC day. */
    public static final int DAILY_CAP = 20;
    /** How far a client's clock may be from the server's, for the times a play claims. */
    public static final long CLOCK_SKEW_MS = Duration.ofMinutes(2).toMillis();
    /** How much sooner than {@code playedMs} after a stream's first byte its play may arrive (request latency). */
    public static final long GRACE_MS = Duration.ofSeconds(2).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final Jdbi jdbi;
    private final DeviceRepository devices = new DeviceRepository();
    private final AccountRepository accounts = new AccountRepository();
    private final PlayRepository plays = new PlayRepository();
    private final CatalogRepository catalog;
    private final Clock clock;

    public PlayService(Jdbi jdbi, CatalogRepository catalog, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** How far back "popular" looks. */
    public static final Duration POPULAR_WINDOW = Duration.ofDays(30);

    /** The tracks with the most qualified plays in the last 30 days (tracks still in the catalog), at most 100. */
    public Popular popular(int limit) {
        int n = Math.clamp(limit, 1, 100);
        long since = clock.millis() - POPULAR_WINDOW.toMillis();
        return new Popular(jdbi.withHandle(h -> plays.popular(h, since, n)));
    }

    public static boolean qualifies(long playedMs, long durationMs) {
        return playedMs >= QUALIFYING_MS || (durationMs > 0 && playedMs * 2 >= durationMs);
    }

    public PlayBatchResult record(Principal principal, PlayBatch batch) {
        List<PlayEvent> plays = batch.plays();
        if (plays == null || plays.isEmpty()) {
            throw ApiException.validation("Send at least one play in \"plays\".");
        }
        if (plays.size() > MAX_BATCH) {
            throw ApiException.validation("Send at most " + MAX_BATCH + " plays per request.");
        }
        long now = clock.millis();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < plays.size(); i++) {
            PlayEvent p = plays.get(i);
            String where = "plays[" + i + "]";
            if (p == null || p.id() == null || p.trackId() == null || p.startedAt() == null || p.playedMs() == null) {
                throw ApiException.validation(where + " needs id, trackId, startedAt and playedMs.");
            }
            if (p.playedMs() < 0 || p.playedMs() > MAX_PLAYED_MS) {
                throw ApiException.validation(where + ".playedMs must be between 0 and 24 hours.");
            }
            long started = p.startedAt().toEpochMilli();
            if (started > now + MAX_CLOCK_SKEW.toMillis() || started < now - MAX_AGE.toMillis()) {
                throw ApiException.validation(where + ".startedAt is too far from now.");
            }
            if (!seen.add(p.id())) {
                throw ApiException.validation(where + " repeats the id of an earlier play in this batch.");
            }
            if (p.deviceId() != null && (!validUuid(p.deviceId()))) {
                throw ApiException.validation(where + ".deviceId must be a device id.");
            }
            if (p.signature() != null && (p.signature().length() > 100 || p.deviceId() == null || p.counter() == null
                    || p.counter() < 0)) {
                throw ApiException.validation(where + " is a receipt: it needs deviceId, a counter of 0 or more, and "
                        + "a base58 signature.");
            }
        }
        return jdbi.inTransaction(h -> {
            // One account's plays are judged one batch at a time (the wall-clock rule and the daily cap read what
            // earlier plays were given); on SQLite the write lock already does this.
            accounts.lock(h, principal.accountId());
            List<PlayReceipt> receipts = new ArrayList<>();
            int recorded = 0;
            for (int i = 0; i < plays.size(); i++) {
                PlayEvent p = plays.get(i);
                Optional<TrackFacts> track = validUuid(p.trackId()) ? trackFacts(h, p.trackId()) : Optional.empty();
                if (track.isEmpty()) {
                    throw ApiException.validation("plays[" + i + "].trackId names no track in the catalog.");
                }
                if (this.plays.insert(h, p.id().toString(), principal.accountId(), p.trackId(),
                        p.startedAt().toEpochMilli(), p.playedMs(), now)) {
                    Verdict v = judge(h, principal.accountId(), p, track.get(), now);
                    this.plays.judge(h, p.id().toString(), v.reason(), v.deviceId(), v.creditedMs());
                    recorded++;
                    receipts.add(new PlayReceipt(p.id(), PlayReceipt.Status.RECORDED,
                            v.reason() == PlayReason.QUALIFIED, v.reason()));
                } else {
                    PlayReason was = this.plays.reasonOf(h, p.id().toString());
                    receipts.add(new PlayReceipt(p.id(), PlayReceipt.Status.DUPLICATE, was == PlayReason.QUALIFIED,
                            was));
                }
            }
            return new PlayBatchResult(recorded, plays.size() - recorded, receipts);
        });
    }

    /** What a play is paid from, in the order the rules are applied (decision 0024). */
    private Verdict judge(Handle h, String accountId, PlayEvent p, TrackFacts track, long now) {
        if (!track.published()) {
            return Verdict.no(PlayReason.DRAFT, p.deviceId());
        }
        if (!qualifies(p.playedMs(), track.durationMs())) {
            return Verdict.no(PlayReason.TOO_SHORT, p.deviceId());
        }
        long start = p.startedAt().toEpochMilli();
        long end = start + p.playedMs();
        if (end > now + CLOCK_SKEW_MS) {
            return Verdict.no(PlayReason.NOT_IN_TIME, p.deviceId());
        }
        Optional<String> publicKey = p.deviceId() == null ? Optional.empty()
                : devices.keyOf(h, accountId, p.deviceId());
        if (p.deviceId() != null && publicKey.isEmpty()) {
            return Verdict.no(PlayReason.FOREIGN_DEVICE, null);
        }
        String device = p.deviceId();
        Evidence evidence;
        if (p.signature() != null) {
            PlayReason refused = checkReceipt(h, p, publicKey.orElseThrow(), start);
            if (refused != null) {
                return Verdict.no(refused, device);
            }
            evidence = Evidence.RECEIPT;
        } else if (p.deviceId() != null && p.counter() != null) {
            return Verdict.no(PlayReason.BAD_RECEIPT, device);
        } else {
            long need = bytesNeeded(p.playedMs(), track);
            List<PlayRepository.Stream> streams = plays.streams(h, accountId, p.trackId());
            if (streams.isEmpty()) {
                return Verdict.no(PlayReason.NO_STREAM, device);
            }
            Optional<PlayRepository.Stream> backing = streams.stream()
                    .filter(s -> s.deviceId() == null || s.deviceId().equals(p.deviceId()) || p.deviceId() == null)
                    .filter(s -> s.firstByteAt() <= start + CLOCK_SKEW_MS)
                    .filter(s -> s.firstByteAt() + p.playedMs() <= now + GRACE_MS)
                    .filter(s -> s.freeBytes() >= need)
                    .findFirst();
            if (backing.isEmpty()) {
                return Verdict.no(PlayReason.STREAM_TOO_SHORT, device);
            }
            if (device == null) {
                device = backing.get().deviceId();
            }
            evidence = new Evidence(backing.get().id(), need);
        }
        long dayStart = Math.floorDiv(start, DAY_MS) * DAY_MS;
        long today = plays.paidBetween(h, accountId, p.trackId(), dayStart, dayStart + DAY_MS);
        if (today >= DAILY_CAP) {
            return Verdict.no(PlayReason.DAILY_CAP, device);
        }
        // A play on a device is weighed against that device's paid plays and those of no known device; a play of
        // no known device against all of the account's (decision 0024).
        List<WallClock.Interval> taken = plays.paidOverlapping(h, accountId, device, start, end,
                start - MAX_PLAYED_MS);
        long credited = WallClock.uncovered(new WallClock.Interval(start, end), taken);
        if (!qualifies(credited, track.durationMs())) {
            return Verdict.no(PlayReason.OVERLAP, device);
        }
        if (evidence.streamId() != null) {
            if (!plays.claimBytes(h, evidence.streamId(), evidence.bytes())) {
                return Verdict.no(PlayReason.STREAM_TOO_SHORT, device);
            }
        }
        return new Verdict(PlayReason.QUALIFIED, device, credited);
    }

    /** Null if the receipt holds (and its counter is now used), else why not. */
    private PlayReason checkReceipt(Handle h, PlayEvent p, String publicKey, long start) {
        byte[] signature;
        try {
            signature = Base58.decode(p.signature().strip());
        } catch (IllegalArgumentException e) {
            return PlayReason.BAD_RECEIPT;
        }
        String text = PlayReceipts.message(p, p.deviceId(), p.counter());
        if (signature.length != 64 || !OffchainMessage.verify(Base58.decode(publicKey), signature,
                PlayReceipts.applicationDomain(), text)) {
            return PlayReason.BAD_RECEIPT;
        }
        Optional<Long> grantedAt = plays.grantedAt(h, p.deviceId(), p.trackId());
        if (grantedAt.isEmpty()) {
            return PlayReason.NO_GRANT;
        }
        if (start < grantedAt.get() - CLOCK_SKEW_MS) {
            return PlayReason.NOT_IN_TIME;
        }
        return plays.useCounter(h, p.deviceId(), p.counter(), p.id().toString()) ? null : PlayReason.COUNTER_USED;
    }

    /**
     * Bytes a stream must have served, and not yet backed another paid play, for a play of {@code playedMs}: half
     * the track's share of its file for the time played (a player may have kept bytes from a seek, and bit rates
     * vary), at least one byte.
     */
    static long bytesNeeded(long playedMs, TrackFacts track) {
        if (track.durationMs() <= 0) {
            return Math.max(1, track.sizeBytes() / 2);
        }
        long played = Math.min(playedMs, track.durationMs());
        return Math.max(1, Math.multiplyExact(track.sizeBytes(), played) / track.durationMs() / 2);
    }

    private Optional<TrackFacts> trackFacts(Handle h, String trackId) {
        // A draft's plays are kept (its artist's preview reports them like any play) but never paid (decision 0039).
        return catalog.liveTrack(h, trackId).map(t -> new TrackFacts(t.durationMs(), t.sizeBytes(),
                catalog.isPublished(h, trackId)));
    }

    record TrackFacts(long durationMs, long sizeBytes, boolean published) {
    }

    private record Evidence(String streamId, long bytes) {
        static final Evidence RECEIPT = new Evidence(null, 0);
    }

    private record Verdict(PlayReason reason, String deviceId, long creditedMs) {
        static Verdict no(PlayReason reason, String deviceId) {
            return new Verdict(reason, deviceId, 0);
        }
    }

    /** Counts of plays per reason for the artist's tracks (deleted ones included: their plays happened). */
    public PlayReasons reasons(String artistId) {
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, Map<PlayReason, Long>> counts = new LinkedHashMap<>();
        Map<PlayReason, Long> total = new EnumMap<>(PlayReason.class);
        for (PlayRepository.ReasonCount r : jdbi.withHandle(h -> plays.reasons(h, artistId))) {
            titles.put(r.trackId(), r.title());
            counts.computeIfAbsent(r.trackId(), k -> new EnumMap<>(PlayReason.class))
                    .merge(r.reason(), r.count(), Long::sum);
            total.merge(r.reason(), r.count(), Long::sum);
        }
        List<PlayReasons.Track> tracks = new ArrayList<>();
        counts.forEach((id, c) -> tracks.add(new PlayReasons.Track(id, titles.get(id), c)));
        return new PlayReasons(total, tracks);
    }

    private static boolean validUuid(String id) {
        try {
            UUID.fromString(id);
            return id.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
