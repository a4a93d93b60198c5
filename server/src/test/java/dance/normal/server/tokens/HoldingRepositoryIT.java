package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.catalog.Track;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The token_holdings table's repository on SQLite and PostgreSQL: tokens move, never go below zero. */
class HoldingRepositoryIT {

    private final OfferingRepository offerings = new OfferingRepository();
    private final HoldingRepository holdings = new HoldingRepository();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void tokensMoveFromTheTreasuryAndAddUpToTheSupply(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String[] ids = f.db().jdbi().inTransaction(h -> {
                Track track = f.track(h);
                offerings.insert(h, new OfferingRepository.NewOffering(track.id(), track.artistId(), 100, 10_000,
                        1000, null, "ledger", null, null, 1));
                holdings.mintToTreasury(h, track.id(), 100);
                return new String[] {track.id(), f.account(h), f.account(h)};
            });
            String t = ids[0];
            f.db().jdbi().useTransaction(h -> {
                holdings.move(h, t, HoldingRepository.TREASURY, ids[1], 30);
                holdings.move(h, t, HoldingRepository.TREASURY, ids[1], 5);
                holdings.move(h, t, HoldingRepository.TREASURY, ids[2], 10);
            });
            f.db().jdbi().useTransaction(h -> {
                assertThat(holdings.quantity(h, t, ids[1])).isEqualTo(35);
                assertThat(holdings.quantity(h, t, "nobody")).isZero();
                assertThat(holdings.holdersOf(h, t)).isEqualTo(Map.of(ids[1], 35L, ids[2], 10L));
                assertThat(holdings.heldBy(h, ids[2])).containsExactly(new HoldingRepository.Holding(t, ids[2], 10));
                assertThat(holdings.all(h)).extracting(HoldingRepository.Holding::quantity)
                        .containsExactlyInAnyOrder(55L, 35L, 10L);
            });
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> holdings.move(h, t, ids[2], ids[1], 11)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("fewer than 11");
            long left = f.db().jdbi().inTransaction(h -> holdings.quantity(h, t, ids[2]));
            assertThat(left).isEqualTo(10);
        }
    }
}
