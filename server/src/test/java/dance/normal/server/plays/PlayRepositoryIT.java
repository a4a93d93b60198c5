package dance.normal.server.plays;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.plays.PlayReason;
import dance.normal.protocol.plays.Popular;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plays table group's repository on SQLite and PostgreSQL: a play recorded once and judged, stream bytes claimed
 * at most once, a receipt counter used once, and paid plays settled once.
 */
class PlayRepositoryIT {

    private final PlayRepository plays = new PlayRepository();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aPlayIsRecordedOnceJudgedAndSettledOnce(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String[] ids = f.db().jdbi().inTransaction(h -> {
                Track track = f.track(h);
                return new String[] {track.id(), f.account(h), track.artistId()};
            });
            String t = ids[0];
            String a = ids[1];
            f.db().jdbi().useTransaction(h -> {
                assertThat(plays.insert(h, "p1", a, t, 1_000, 60_000, 5_000)).isTrue();
                assertThat(plays.insert(h, "p1", a, t, 1_000, 60_000, 5_001)).as("same id").isFalse();
                assertThat(plays.reasonOf(h, "p1")).isEqualTo(PlayReason.TOO_SHORT);
                plays.judge(h, "p1", PlayReason.QUALIFIED, null, 60_000);
                assertThat(plays.reasonOf(h, "p1")).isEqualTo(PlayReason.QUALIFIED);
                assertThat(plays.paidBetween(h, a, t, 0, 2_000)).isEqualTo(1);
                assertThat(plays.paidOverlapping(h, a, null, 30_000, 90_000, 0))
                        .containsExactly(new WallClock.Interval(1_000, 61_000));
                assertThat(plays.paidOverlapping(h, a, "d1", 70_000, 90_000, 0)).isEmpty();
                assertThat(plays.popular(h, 0, 10)).containsExactly(new Popular.Entry(t, 1));
                assertThat(plays.reasons(h, ids[2])).containsExactly(
                        new PlayRepository.ReasonCount(t, "Song", PlayReason.QUALIFIED, 1));
            });
            List<String> unsettled = f.db().jdbi().withHandle(h -> plays.unsettledTracks(h, 5_000));
            assertThat(unsettled).containsExactly(t);
            int first = f.db().jdbi().inTransaction(h -> plays.settle(h, "s1", t, 5_000));
            int second = f.db().jdbi().inTransaction(h -> plays.settle(h, "s2", t, 5_000));
            assertThat(first).isEqualTo(1);
            assertThat(second).as("paid once").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void streamBytesAreClaimedOnceAndACounterIsUsedOnce(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String[] ids = f.db().jdbi().inTransaction(h -> new String[] {f.track(h).id(), f.account(h)});
            String t = ids[0];
            String a = ids[1];
            f.db().jdbi().useTransaction(h -> {
                plays.served(h, "s1", a, null, t, false, 1_000, 10, 10);
                plays.served(h, "s1", a, null, t, false, 500, 10, 20);
                plays.served(h, "s2", a, null, t, true, 9_000, 30, 30);
                plays.grant(h, "d1", t, a, 40);
                plays.grant(h, "d1", t, a, 50);
            });
            f.db().jdbi().useTransaction(h -> {
                assertThat(plays.streams(h, a, t)).as("online only")
                        .containsExactly(new PlayRepository.Stream("s1", null, 1_500, 10));
                assertThat(plays.claimBytes(h, "s1", 1_000)).isTrue();
                assertThat(plays.claimBytes(h, "s1", 501)).as("500 left").isFalse();
                assertThat(plays.streams(h, a, t).getFirst().freeBytes()).isEqualTo(500);
                assertThat(plays.grantedAt(h, "d1", t)).as("the first grant stays").contains(40L);
                assertThat(plays.grantedAt(h, "d2", t)).isEmpty();
            });
            f.db().jdbi().useTransaction(h -> {
                plays.insert(h, "p1", a, t, 1_000, 60_000, 5_000);
                plays.insert(h, "p2", a, t, 2_000, 60_000, 5_000);
                assertThat(plays.useCounter(h, "d1", 7, "p1")).isTrue();
                assertThat(plays.useCounter(h, "d1", 7, "p2")).as("used").isFalse();
                assertThat(plays.useCounter(h, "d2", 7, "p2")).as("another device").isTrue();
            });
        }
    }
}
