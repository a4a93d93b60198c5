package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The purchases and quotes tables' repositories on SQLite and PostgreSQL: one purchase per key and per quote, a saga
 * step claimed once, states stored by their names.
 */
class PurchaseRepositoryIT {

    private final OfferingRepository offerings = new OfferingRepository();
    private final QuoteRepository quotes = new QuoteRepository();
    private final PurchaseRepository purchases = new PurchaseRepository();

    private record Setup(String trackId, String buyer, String quoteId) {
    }

    private Setup setup(RepositoryFixture f, int quoteCount) {
        return f.db().jdbi().inTransaction(h -> {
            Track track = f.track(h);
            offerings.insert(h, new OfferingRepository.NewOffering(track.id(), track.artistId(), 100, 10_000, 0,
                    null, "ledger", null, null, 1));
            String buyer = f.account(h);
            String quoteId = null;
            for (int i = 0; i < quoteCount; i++) {
                quoteId = UUID.randomUUID().toString();
                quotes.insert(h, new QuoteRepository.StoredQuote(quoteId, buyer, track.id(), 2, 10_000, 20_000, "W",
                        "the message", 5, 125_005));
            }
            return new Setup(track.id(), buyer, quoteId);
        });
    }

    private PurchaseRepository.NewPurchase purchase(Setup s, String key, String quoteId, long now) {
        return new PurchaseRepository.NewPurchase(UUID.randomUUID().toString(), s.buyer(), key, quoteId, s.trackId(),
                2, 20_000, "W", "S", now);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aQuoteIsStoredAndFoundWhole(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            Setup s = setup(f, 1);
            QuoteRepository.StoredQuote q = f.db().jdbi().inTransaction(h -> quotes.find(h, s.quoteId()))
                    .orElseThrow();
            assertThat(q).isEqualTo(new QuoteRepository.StoredQuote(s.quoteId(), s.buyer(), s.trackId(), 2, 10_000,
                    20_000, "W", "the message", 5, 125_005));
            Optional<QuoteRepository.StoredQuote> missing = f.db().jdbi().inTransaction(h -> quotes.find(h, "missing"));
            assertThat(missing).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aStepIsClaimedOnceAndARejectionKeepsItsAnswer(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            Setup s = setup(f, 1);
            PurchaseRepository.NewPurchase p = purchase(s, "key-1", s.quoteId(), 1000);
            f.db().jdbi().useTransaction(h -> purchases.insert(h, p));
            f.db().jdbi().useTransaction(h -> {
                PurchaseRepository.Row row = purchases.findByKey(h, s.buyer(), "key-1").orElseThrow();
                assertThat(row.id()).isEqualTo(p.id());
                assertThat(row.state()).isEqualTo(PurchaseState.ACCEPTED);
                assertThat(row.responseStatus()).isNull();
                assertThat(purchases.quoteUsed(h, s.quoteId())).isTrue();
                assertThat(purchases.idsIn(h, PurchaseState.UNDER_WAY)).containsExactly(p.id());
                assertThat(purchases.claim(h, p.id(), PurchaseState.ACCEPTED, PurchaseState.RESERVED, 2000)).isTrue();
                assertThat(purchases.claim(h, p.id(), PurchaseState.ACCEPTED, PurchaseState.RESERVED, 2001))
                        .as("a second runner").isFalse();
                assertThat(purchases.quantity(h, s.buyer(), s.trackId(), PurchaseState.AGAINST_CAP, null))
                        .isEqualTo(2);
                assertThat(purchases.quantity(h, s.buyer(), s.trackId(), PurchaseState.AGAINST_CAP, p.id()))
                        .as("except this purchase").isZero();
                assertThat(purchases.quantityByTrack(h, PurchaseState.RESERVING)).isEqualTo(Map.of(s.trackId(), 2L));
                purchases.reject(h, p.id(), "No money.", 402, "{\"status\":402}", 3000);
            });
            PurchaseRepository.Row rejected = f.db().jdbi().inTransaction(h -> purchases.find(h, p.id()))
                    .orElseThrow();
            assertThat(rejected.state()).isEqualTo(PurchaseState.REJECTED);
            assertThat(rejected.failure()).isEqualTo("No money.");
            assertThat(rejected.responseStatus()).isEqualTo(402);
            assertThat(rejected.responseBody()).isEqualTo("{\"status\":402}");
            assertThat(rejected.updatedAt()).isEqualTo(3000);
            String stored = f.db().jdbi().inTransaction(h -> h.createQuery("SELECT state FROM purchases")
                    .mapTo(String.class).one());
            assertThat(stored).as("stored by name").isEqualTo("REJECTED");
            List<String> underWay = f.db().jdbi().inTransaction(h -> purchases.idsIn(h, PurchaseState.UNDER_WAY));
            assertThat(underWay).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void oneKeyAndOneQuoteMakeOnePurchase(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            Setup s = setup(f, 1);
            f.db().jdbi().useTransaction(h -> purchases.insert(h, purchase(s, "key-1", s.quoteId(), 1)));
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> purchases.insert(h,
                    purchase(s, "key-2", s.quoteId(), 2)))).as("same quote").isInstanceOf(RuntimeException.class);
            Setup other = setup(f, 1);
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> purchases.insert(h,
                    new PurchaseRepository.NewPurchase(UUID.randomUUID().toString(), s.buyer(), "key-1",
                            other.quoteId(), other.trackId(), 2, 20_000, "W", "S", 3))))
                    .as("same key").isInstanceOf(RuntimeException.class);
            f.db().jdbi().useTransaction(h -> {
                String id = purchases.findByKey(h, s.buyer(), "key-1").orElseThrow().id();
                for (PurchaseState next : EnumSet.range(PurchaseState.RESERVED, PurchaseState.DELIVERED)) {
                    purchases.claim(h, id, PurchaseState.values()[next.ordinal() - 1], next, 10);
                }
                purchases.setChainRef(h, id, "ledger:" + id);
                assertThat(purchases.total(h, PurchaseState.IN_ESCROW)).isEqualTo(20_000);
                assertThat(purchases.quantityByTrackAndBuyer(h, PurchaseState.DELIVERED_TO_BUYER))
                        .isEqualTo(Map.of(s.trackId() + "/" + s.buyer(), 2L));
                assertThat(purchases.deliveredInLedgerMode(h)).extracting(PurchaseRepository.Row::id)
                        .containsExactly(id);
                assertThat(purchases.ofAccount(h, s.buyer(), 10)).hasSize(1);
            });
        }
    }
}
