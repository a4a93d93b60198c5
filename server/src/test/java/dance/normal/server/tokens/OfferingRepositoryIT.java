package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.Offering;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The offerings table's repository on SQLite and PostgreSQL: supply held back, sold and given back. */
class OfferingRepositoryIT {

    private final OfferingRepository offerings = new OfferingRepository();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void reservingNeverPassesTheSupplyAndSellingMovesReservedToSold(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            Offering opened = f.db().jdbi().inTransaction(h -> {
                Track track = f.track(h);
                offerings.insert(h, new OfferingRepository.NewOffering(track.id(), track.artistId(), 10, 1_000_000,
                        500, 4L, "ledger", null, null, 1234));
                return offerings.find(h, track.id()).orElseThrow();
            });
            assertThat(opened.supply()).isEqualTo(10);
            assertThat(opened.available()).isEqualTo(10);
            assertThat(opened.capPerBuyer()).isEqualTo(4L);
            assertThat(opened.createdAt().toEpochMilli()).isEqualTo(1234);
            String t = opened.trackId();

            f.db().jdbi().useTransaction(h -> {
                assertThat(offerings.reserve(h, t, 7)).isTrue();
                assertThat(offerings.reserve(h, t, 4)).as("only 3 left").isFalse();
                assertThat(offerings.reserve(h, t, 3)).isTrue();
                offerings.release(h, t, 3);
                offerings.sell(h, t, 5);
            });
            Offering after = f.db().jdbi().inTransaction(h -> offerings.find(h, t)).orElseThrow();
            assertThat(after.sold()).isEqualTo(5);
            assertThat(after.available()).isEqualTo(10 - 5 - 2);
            List<OfferingRepository.Counts> counts = f.db().jdbi().inTransaction(h -> offerings.counts(h));
            assertThat(counts)
                    .containsExactly(new OfferingRepository.Counts(t, 10, 5, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anOfferingMovesToAnotherChainOnce(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String t = f.db().jdbi().inTransaction(h -> {
                Track track = f.track(h);
                offerings.insert(h, new OfferingRepository.NewOffering(track.id(), track.artistId(), 5, 10_000, 0,
                        null, "ledger", null, null, 1));
                return track.id();
            });
            List<OfferingRepository.Counts> elsewhere = f.db().jdbi().inTransaction(h -> offerings.notOn(h, "solana"));
            assertThat(elsewhere).extracting(
                    OfferingRepository.Counts::trackId).containsExactly(t);
            boolean first = f.db().jdbi().inTransaction(h -> offerings.moveToChain(h, t, "solana", "M", "T"));
            assertThat(first).isTrue();
            boolean movedAgain = f.db().jdbi().inTransaction(h -> offerings.moveToChain(h, t, "solana", "M2", "T2"));
            assertThat(movedAgain)
                    .as("already moved").isFalse();
            Offering moved = f.db().jdbi().inTransaction(h -> offerings.find(h, t)).orElseThrow();
            assertThat(moved.chain()).isEqualTo("solana");
            assertThat(moved.mint()).isEqualTo("M");
            List<OfferingRepository.Counts> stillElsewhere =
                    f.db().jdbi().inTransaction(h -> offerings.notOn(h, "solana"));
            assertThat(stillElsewhere).isEmpty();
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> offerings.insert(h,
                    new OfferingRepository.NewOffering(t, moved.artistId(), 5, 10_000, 0, null, "ledger", null, null,
                            1)))).as("one offering per track").isInstanceOf(RuntimeException.class);
        }
    }
}
