package dance.normal.server.tokens;

import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.studio.DayEarnings;
import dance.normal.protocol.studio.StudioEarnings;
import dance.normal.protocol.studio.TrackHolders;
import dance.normal.protocol.tokens.Earnings;
import dance.normal.protocol.tokens.Offering;
import dance.normal.protocol.tokens.StatementLine;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import dance.normal.server.ledger.Accounts;
import dance.normal.server.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * The Studio's money views for the signed-in artist: earnings by day and by track, the holders of one of their
 * tracks (by pseudonym), and the statement. Reads only; figures come from the ledger through {@link EarningsService}.
 *
 * <p>A holder's pseudonym is "Listener " and the first hex digits of HMAC-SHA256, keyed by a server key, over the
 * artist's id and the holder's account id: stable for one artist, different for another (two artists cannot match
 * their holders), and not reversible to the account without the key.
 */
public final class StudioMoneyService {

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final CatalogRepository catalog;
    private final OfferingRepository offerings;
    private final HoldingRepository holdings;
    private final EarningsService earnings;
    private final SecretKeySpec pseudonymKey;
    private final Clock clock;

    public StudioMoneyService(Jdbi jdbi, Ledger ledger, CatalogRepository catalog, TokenRepositories repositories,
                              EarningsService earnings, byte[] pseudonymKey, Clock clock) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.catalog = catalog;
        this.offerings = repositories.offerings();
        this.holdings = repositories.holdings();
        this.earnings = earnings;
        this.pseudonymKey = new SecretKeySpec(pseudonymKey, "HmacSHA256");
        this.clock = clock;
    }

    /** The last {@code days} UTC days up to today, each of them (zero days too), oldest first, and all-time totals. */
    public StudioEarnings earnings(Principal principal, int days) {
        Earnings all = earnings.artistEarnings(principal);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            byDay.put(d, new long[2]);
        }
        for (StatementLine line : all.statement()) {
            long[] day = byDay.get(LocalDate.ofInstant(line.at(), ZoneOffset.UTC));
            if (day == null) {
                continue;
            }
            switch (line.kind()) {
                case "sale" -> day[0] += line.amountMicros();
                case "settlement" -> day[1] += line.amountMicros();
                default -> {
                    // withdrawals and the like are not earnings
                }
            }
        }
        List<DayEarnings> out = new ArrayList<>();
        byDay.forEach((d, v) -> out.add(new DayEarnings(d, v[0], v[1])));
        return new StudioEarnings(all.availableMicros(), all.earnedMicros(), all.withdrawnMicros(), out,
                all.byTrack());
    }

    /** The artist's statement lines, oldest first (those of {@code GET /api/v1/artists/me/earnings}). */
    public List<StatementLine> statement(Principal principal) {
        return earnings.artistEarnings(principal).statement();
    }

    /** Who holds one of the artist's own tracks' tokens; 404 for anyone else's track, as if it did not exist. */
    public TrackHolders holders(Principal principal, String trackId) {
        return jdbi.withHandle(h -> {
            Artist artist = catalog.artistOfAccount(h, principal.accountId())
                    .orElseThrow(() -> ApiException.forbidden("This account has no artist profile."));
            Optional<Track> track = catalog.trackEvenIfDeleted(h, trackId);
            if (track.isEmpty() || !track.get().artistId().equals(artist.id())) {
                throw ApiException.notFound("There is no such track.");
            }
            Optional<Offering> offering = offerings.find(h, trackId);
            if (offering.isEmpty()) {
                return new TrackHolders(trackId, 0, 0, 0, List.of());
            }
            List<String[]> rows = new ArrayList<>();
            List<TrackHolders.Holder> out = new ArrayList<>();
            Map<String, Long> held = holdings.holdersOf(h, trackId);
            for (Map.Entry<String, Long> e : held.entrySet()) {
                rows.add(new String[] {e.getKey(), pseudonym(artist.id(), e.getKey())});
            }
            int digits = distinct(rows, 4) ? 4 : 8;
            for (String[] row : rows) {
                out.add(new TrackHolders.Holder("Listener " + row[1].substring(0, digits), held.get(row[0]),
                        ledger.incomeFromTrack(h, Accounts.earnings(row[0]), trackId)));
            }
            out.sort(Comparator.comparingLong(TrackHolders.Holder::quantity).reversed()
                    .thenComparing(TrackHolders.Holder::name));
            return new TrackHolders(trackId, offering.get().supply(), offering.get().sold(),
                    offering.get().holderShareBp(), out);
        });
    }

    /** Whether the first {@code digits} of every pseudonym differ (else longer ones are shown). */
    private static boolean distinct(List<String[]> rows, int digits) {
        Set<String> seen = new HashSet<>();
        return rows.stream().allMatch(r -> seen.add(r[1].substring(0, digits)));
    }

    private String pseudonym(String artistId, String accountId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return HexFormat.of().formatHex(mac.doFinal((artistId + "\n" + accountId)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
