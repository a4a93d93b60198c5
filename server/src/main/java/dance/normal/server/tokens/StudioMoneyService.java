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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * The Studio's money views for the signed-in artist: earnings by day and by track, the holders of one of their
 * tracks (by pseudonym), and the statement. Reads only; figures come from the ledger through {@link EarningsService}.
 *
 * <p>A holder's pseudonym is "Listener " and the first 8 hex digits of HMAC-SHA256, keyed by a server key, over the
 * artist's id and the holder's account id: always the same for one artist and holder (whoever else holds the track),
 * different for another artist (two artists cannot match their holders), and not reversible to the account without
 * the key.
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

    /** The statement as a CSV file, named after today's UTC date on the server's clock. */
    public StatementFile statementFile(Principal principal) {
        return new StatementFile("normal-dance-statement-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                + ".csv", StatementCsv.write(statement(principal)));
    }

    /** A statement ready to download: its file name and its CSV text. */
    public record StatementFile(String fileName, String csv) {
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
            List<TrackHolders.Holder> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : holdings.holdersOf(h, trackId).entrySet()) {
                out.add(new TrackHolders.Holder(holderName(artist.id(), e.getKey()), e.getValue(),
                        ledger.incomeFromTrack(h, Accounts.earnings(e.getKey()), trackId)));
            }
            out.sort(Comparator.comparingLong(TrackHolders.Holder::quantity).reversed()
                    .thenComparing(TrackHolders.Holder::name));
            return new TrackHolders(trackId, offering.get().supply(), offering.get().sold(),
                    offering.get().holderShareBp(), out);
        });
    }

    /** "Listener " and the first 8 hex digits of the HMAC: depends on the artist and the holder only. */
    String holderName(String artistId, String accountId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            byte[] digest = mac.doFinal((artistId + "\n" + accountId).getBytes(StandardCharsets.UTF_8));
            return "Listener " + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
