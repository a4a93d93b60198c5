package dance.normal.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.DeviceChallenge;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.files.AtomicFiles;
import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.protocol.tokens.PurchaseRequest;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.QuoteRequest;
import dance.normal.protocol.tokens.TopupRequest;
import dance.normal.server.auth.AuthService;
import dance.normal.server.auth.Principal;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.chain.Chain;
import dance.normal.server.db.Database;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.payments.TestCardProvider;
import dance.normal.server.payments.TopupOutcome;
import dance.normal.server.payments.TopupService;
import dance.normal.server.plays.PlayRepository;
import dance.normal.server.tokens.OfferingService;
import dance.normal.server.tokens.PurchaseOutcome;
import dance.normal.server.tokens.PurchaseService;
import dance.normal.server.tokens.QuoteService;
import dance.normal.server.tokens.SettlementService;
import dance.normal.server.tokens.TokenRepositories;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.SoftwareSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's money ({@code --demo}, after the catalog): three catalog artists get accounts (the first is the "demo
 * artist", whose email and a random password go to {@value #CREDENTIALS} in the data dir, mode 0600), offerings open
 * on four of their tracks, demo holders sign up, register a wallet, top up with the test card and buy tokens, and
 * listeners' plays are settled day by day over the last four weeks, so wallets and charts have a history.
 *
 * <p>Everything goes through the real services (offerings, quotes signed by the holder's wallet, the purchase saga,
 * top-ups, settlement), on a {@link DemoClock} set to each past day, so the ledger balances and verifies. The plays
 * alone are written straight into the plays table as qualified (there is no stream to take evidence from), and then
 * settled like any others. Runs once per database (marker {@value #MARKER}).
 */
public final class DemoMoney {

    public static final String MARKER = "demo-money-v1";
    public static final String CREDENTIALS = "demo-artist.credentials";
    /** The demo artist's email. */
    public static final String ARTIST_EMAIL = "artist@demo.normal.dance";
    private static final Logger LOG = LoggerFactory.getLogger(DemoMoney.class);
    private static final int DAYS = 28;
    private static final String CARD = "4242 4242 4242 4242";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** An offering the demo opens: on artist {@code artist}'s track {@code track} (indexes). */
    private record Plan(int artist, int track, long supply, long priceMicros, int holderShareBp, Long cap) {
    }

    /** Holder {@code holder} buys {@code quantity} of offering {@code offering}, {@code daysAgo} days ago. */
    private record Buy(int daysAgo, int holder, int offering, long quantity) {
    }

    private static final List<Plan> OFFERINGS = List.of(
            new Plan(0, 0, 1_000, 500_000, 2_000, 100L),
            new Plan(0, 1, 500, 1_000_000, 3_000, 50L),
            new Plan(1, 0, 200, 2_000_000, 5_000, null),
            new Plan(2, 0, 100, 5_000_000, 1_000, 20L));
    private static final List<Buy> BUYS = List.of(
            new Buy(26, 0, 0, 40), new Buy(22, 1, 0, 25), new Buy(21, 1, 1, 10), new Buy(17, 2, 2, 30),
            new Buy(12, 3, 0, 20), new Buy(9, 0, 3, 8), new Buy(6, 2, 1, 15), new Buy(3, 3, 2, 12),
            new Buy(1, 0, 1, 5));

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final AuthService auth;
    private final Clock realClock;
    private final DemoClock clock;
    private final OfferingService offerings;
    private final QuoteService quotes;
    private final PurchaseService purchases;
    private final TopupService topups;
    private final SettlementService settlements;
    private final PlayRepository plays = new PlayRepository();
    private final SecureRandom random = new SecureRandom();

    public DemoMoney(Database db, CatalogRepository catalog, AuthService auth, Chain chain, ObjectMapper json,
                     long perPlayMicros, Clock realClock) {
        this.jdbi = db.jdbi();
        this.catalog = catalog;
        this.auth = auth;
        this.realClock = realClock;
        this.clock = new DemoClock(realClock.instant());
        Ledger ledger = new Ledger(jdbi, clock);
        TokenRepositories repositories = TokenRepositories.create();
        this.offerings = new OfferingService(jdbi, catalog, repositories, chain, clock);
        this.quotes = new QuoteService(jdbi, catalog, repositories, clock);
        this.purchases = new PurchaseService(jdbi, db.dialect(), ledger, catalog, repositories, chain, clock, json);
        this.topups = new TopupService(jdbi, ledger, List.of(new TestCardProvider()), clock);
        this.settlements = new SettlementService(jdbi, ledger, catalog, repositories, clock, perPlayMicros);
    }

    /** Adds the demo's money once; {@code dataDir} receives the demo artist's credentials file. */
    public void seed(Path dataDir) {
        if (DemoMarker.isSet(jdbi, MARKER)) {
            return;
        }
        if (auth.accountIdOf(ARTIST_EMAIL).isPresent()) {
            LOG.warn("The demo's money was partly added by an earlier start; it is left as it is");
            DemoMarker.set(jdbi, MARKER, "partial");
            return;
        }
        List<List<Track>> artists = catalogByArtist();
        if (artists.size() < 3) {
            LOG.warn("The demo catalog has fewer than three artists; no offerings are added");
            return;
        }
        LOG.info("Adding the demo's offerings, holders and four weeks of settled plays (first start only)");
        Instant now = realClock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        clock.set(at(today.minusDays(DAYS), now, 9));
        List<Principal> owners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            owners.add(adopt(i, artists.get(i).get(0).artistId(), dataDir));
        }
        List<String> offered = new ArrayList<>();
        for (Plan p : OFFERINGS) {
            String trackId = artists.get(p.artist()).get(p.track() % artists.get(p.artist()).size()).id();
            offerings.open(owners.get(p.artist()), new OfferingRequest(trackId, p.supply(), p.priceMicros(),
                    p.holderShareBp(), p.cap()));
            offered.add(trackId);
        }
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            holders.add(holder(i));
        }
        List<String> listeners = new ArrayList<>(holders.stream().map(h -> h.principal().accountId()).toList());
        listeners.add(listener(4));
        listeners.add(listener(5));
        List<String> played = new ArrayList<>(offered);
        played.add(artists.get(1).get(artists.get(1).size() - 1).id());
        played.add(artists.get(2).get(artists.get(2).size() - 1).id());
        long settledPlays = 0;
        for (int daysAgo = DAYS - 1; daysAgo >= 0; daysAgo--) {
            LocalDate day = today.minusDays(daysAgo);
            clock.set(at(day, now, 11));
            for (Buy b : BUYS) {
                if (b.daysAgo() == daysAgo) {
                    buy(holders.get(b.holder()), offered.get(b.offering()), b.quantity());
                }
            }
            clock.set(at(day, now, 20));
            recordPlays(daysAgo, played, listeners);
            settledPlays += settlements.settle(clock.instant()).plays();
        }
        DemoMarker.set(jdbi, MARKER, Long.toString(settledPlays));
        LOG.info("Demo money ready: {} offerings, {} holders, {} settled plays; the demo artist's sign-in is in {}",
                offered.size(), holders.size(), settledPlays, dataDir.resolve(CREDENTIALS));
    }

    /** A listener with a registered wallet, as the app makes one. */
    private record Holder(Principal principal, SoftwareSigner wallet) {
    }

    /** {@code day} at {@code hour}:00 UTC, but never later than {@code now}. */
    private static Instant at(LocalDate day, Instant now, int hour) {
        Instant t = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
        return t.isAfter(now) ? now.minusSeconds(60) : t;
    }

    /** The catalog's published tracks by artist, most first (the demo catalog fits one page). */
    private List<List<Track>> catalogByArtist() {
        Map<String, List<Track>> byArtist = new LinkedHashMap<>();
        for (Track t : jdbi.withHandle(h -> catalog.tracks(h, null, null, CatalogRepository.MAX_PAGE)).items()) {
            byArtist.computeIfAbsent(t.artistId(), a -> new ArrayList<>()).add(t);
        }
        List<List<Track>> artists = new ArrayList<>(byArtist.values());
        // The artist with the most tracks (the demo catalog's, whose drafts it also adds) is the demo artist.
        artists.sort(Comparator.comparingInt((List<Track> tracks) -> tracks.size()).reversed());
        return artists;
    }

    /** Gives catalog artist {@code index} an account; the first one's sign-in goes to the credentials file. */
    private Principal adopt(int index, String artistId, Path dataDir) {
        char[] password = password();
        try {
            String email = index == 0 ? ARTIST_EMAIL : "artist" + (index + 1) + "@demo.normal.dance";
            String accountId = auth.adoptArtist(email, Arrays.copyOf(password, password.length), artistId);
            if (index == 0) {
                writeCredentials(dataDir.resolve(CREDENTIALS), email, password);
            }
            return new Principal(accountId, Role.ARTIST, "demo-seeding");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Two lines, email and password, written to a temporary file with mode 0600 and moved into place. */
    private static void writeCredentials(Path file, String email, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] mail = (email + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[mail.length + encoded.remaining() + 1];
        System.arraycopy(mail, 0, bytes, 0, mail.length);
        encoded.get(bytes, mail.length, encoded.remaining());
        bytes[bytes.length - 1] = '\n';
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            AtomicFiles.writeOwnerOnly(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo artist's credentials could not be written", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private char[] password() {
        char[] p = new char[24];
        for (int i = 0; i < p.length; i++) {
            p[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return p;
    }

    /** Demo holder {@code index}: signed up, a wallet registered as a device, $200 added with the test card. */
    private Holder holder(int index) {
        char[] password = password();
        try {
            Principal principal = listenerAccount(index, password);
            SoftwareSigner wallet = SoftwareSigner.generate(random);
            String publicKey = Base58.encode(wallet.publicKey());
            DeviceChallenge challenge = auth.deviceService().challenge(principal,
                    new DeviceChallengeRequest(publicKey));
            String signature = Base58.encode(wallet.sign(Base64.getDecoder().decode(challenge.message())));
            auth.deviceService().register(principal, new DeviceRequest(publicKey, "Demo wallet",
                    Arrays.copyOf(password, password.length), challenge.challengeId(), signature, null, null));
            TopupOutcome topup = topups.topup(principal, UUID.randomUUID().toString(),
                    new TopupRequest(200_000_000, CARD));
            if (!(topup instanceof TopupOutcome.Succeeded)) {
                throw new IllegalStateException("The demo holder's top-up did not go through: " + topup);
            }
            return new Holder(principal, wallet);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** A demo listener who only listens; its account id. */
    private String listener(int index) {
        char[] password = password();
        try {
            return listenerAccount(index, password).accountId();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Principal listenerAccount(int index, char[] password) {
        String email = "listener" + (index + 1) + "@demo.normal.dance";
        String id = auth.signup(new SignupRequest(email, Arrays.copyOf(password, password.length), Role.LISTENER,
                null), "demo-seeding-" + index).me().id();
        return new Principal(id, Role.LISTENER, "demo-seeding");
    }

    /** Quote, the wallet's signature of the quote's message, and the purchase saga, as the app buys. */
    private void buy(Holder holder, String trackId, long quantity) {
        String wallet = Base58.encode(holder.wallet().publicKey());
        Quote quote = quotes.quote(holder.principal(), new QuoteRequest(trackId, quantity, wallet));
        String signature = Base58.encode(holder.wallet().sign(Base64.getDecoder().decode(quote.message())));
        PurchaseOutcome outcome = purchases.purchase(holder.principal(), UUID.randomUUID().toString(),
                new PurchaseRequest(quote.id(), signature), "demo-seeding");
        if (!(outcome instanceof PurchaseOutcome.Completed)) {
            throw new IllegalStateException("A demo purchase did not complete: " + outcome);
        }
    }

    /**
     * The day's qualified plays: a few more each week, a weekend bump and a wave per track, so the charts have
     * shape; at most 20 a listener per track a day, as the play rules pay.
     */
    private void recordPlays(int daysAgo, List<String> tracks, List<String> listeners) {
        long now = clock.millis();
        int weekday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).getDayOfWeek().getValue();
        jdbi.useTransaction(h -> {
            for (int t = 0; t < tracks.size(); t++) {
                int count = 4 + (DAYS - daysAgo) / 2 + (weekday >= 6 ? 8 : 0) + (int) (6 * (1 + Math.sin(
                        (daysAgo + 3.0 * t) / 3.0)));
                for (int i = 0; i < count; i++) {
                    String listener = listeners.get((i + t) % listeners.size());
                    String id = UUID.randomUUID().toString();
                    long started = now - Duration.ofMinutes(90L * t + 2L * i + 5).toMillis();
                    plays.insert(h, id, listener, tracks.get(t), started, 60_000, now);
                    plays.judge(h, id, PlayReason.QUALIFIED, null, 60_000);
                }
            }
        });
    }
}
