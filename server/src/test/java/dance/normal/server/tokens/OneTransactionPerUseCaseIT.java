package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.Role;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.tokens.OfferingRequest;
import dance.normal.server.auth.Principal;
import dance.normal.server.chain.LedgerChain;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A use case runs in one transaction (decision 0033): a failure injected after opening an offering's first write
 * (the offerings row) and before its second (the treasury's holding) leaves neither row; without it both exist.
 */
class OneTransactionPerUseCaseIT {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aFailureAfterTheFirstWriteLeavesNoRow(Databases.Kind kind) throws Exception {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            OfferingService service = new OfferingService(f.db().jdbi(), f.catalog(), TokenRepositories.create(),
                    new LedgerChain(), Clock.systemUTC());
            Track[] tracks = f.db().jdbi().inTransaction(h -> new Track[] {f.track(h), f.track(h)});
            Principal[] artists = f.db().jdbi().inTransaction(h -> new Principal[] {
                    new Principal(accountOf(h, tracks[0]), Role.ARTIST, "s0"),
                    new Principal(accountOf(h, tracks[1]), Role.ARTIST, "s1")});

            try (AutoCloseable fault = FaultPoints.throwAt("offering.inserted")) {
                assertThatThrownBy(() -> service.open(artists[0], new OfferingRequest(tracks[0].id(), 50, 10_000, 0,
                        null))).isInstanceOf(FaultPoints.Injected.class);
            }
            assertThat(count(f, "offerings", tracks[0].id())).as("the first write was rolled back").isZero();
            assertThat(count(f, "token_holdings", tracks[0].id())).isZero();

            service.open(artists[1], new OfferingRequest(tracks[1].id(), 50, 10_000, 0, null));
            assertThat(count(f, "offerings", tracks[1].id())).isEqualTo(1);
            assertThat(count(f, "token_holdings", tracks[1].id())).isEqualTo(1);
        }
    }

    private static String accountOf(org.jdbi.v3.core.Handle h, Track track) {
        return h.createQuery("SELECT account_id FROM artists WHERE id = :a").bind("a", track.artistId())
                .mapTo(String.class).one();
    }

    private static long count(RepositoryFixture f, String table, String trackId) {
        return f.db().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE track_id = :t")
                .bind("t", trackId).mapTo(Long.class).one());
    }
}
