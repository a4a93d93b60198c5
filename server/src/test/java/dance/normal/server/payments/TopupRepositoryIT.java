package dance.normal.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The topups table's repository on SQLite and PostgreSQL: one per key, queued with a backoff, finished once. */
class TopupRepositoryIT {

    private final TopupRepository topups = new TopupRepository();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aTopUpIsQueuedRetriedAndFinishedOnce(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String account = f.db().jdbi().inTransaction(f::account);
            f.db().jdbi().useTransaction(h -> topups.insert(h, "t1", account, "key", 5_000_000, "tok", "Visa 4242",
                    100));
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> topups.insert(h, "t2", account, "key",
                    5_000_000, "tok", "Visa 4242", 100))).as("one per key").isInstanceOf(RuntimeException.class);

            f.db().jdbi().useTransaction(h -> {
                TopupRepository.Row row = topups.findByKey(h, account, "key").orElseThrow();
                assertThat(row.state()).isEqualTo(TopupState.CHARGING);
                assertThat(row.label()).isEqualTo("Visa 4242");
                topups.queue(h, "t1", 10_100, 100);
                assertThat(topups.find(h, "t1").orElseThrow().attempts()).isEqualTo(1);
            });
            List<String> early = f.db().jdbi().inTransaction(h -> topups.dueForRetry(h, 10_000, 0));
            assertThat(early).as("before its backoff").isEmpty();
            List<String> due = f.db().jdbi().inTransaction(h -> topups.dueForRetry(h, 10_100, 0));
            assertThat(due).containsExactly("t1");
            boolean claimed = f.db().jdbi().inTransaction(h -> topups.claimForRetry(h, "t1", 10_100, 0));
            boolean again = f.db().jdbi().inTransaction(h -> topups.claimForRetry(h, "t1", 10_100, 0));
            assertThat(claimed).isTrue();
            assertThat(again).as("charging, and not stale").isFalse();

            boolean pending = f.db().jdbi().inTransaction(h -> topups.finish(h, "t1", TopupState.PENDING, "stripe",
                    "pi_1", null, "https://checkout.example/1", 20_000));
            assertThat(pending).isTrue();
            List<TopupRepository.Row> waiting = f.db().jdbi().inTransaction(h -> topups.pendingSince(h, 20_001));
            assertThat(waiting).extracting(TopupRepository.Row::checkoutUrl)
                    .containsExactly("https://checkout.example/1");
            boolean paid = f.db().jdbi().inTransaction(h -> topups.finish(h, "t1", TopupState.SUCCEEDED, "stripe",
                    "pi_1", null, null, 30_000));
            boolean paidAgain = f.db().jdbi().inTransaction(h -> topups.finish(h, "t1", TopupState.SUCCEEDED,
                    "stripe", "pi_1", null, null, 30_001));
            boolean declinedAfter = f.db().jdbi().inTransaction(h -> topups.finish(h, "t1", TopupState.DECLINED,
                    "stripe", "pi_1", "no", null, 30_002));
            assertThat(paid).isTrue();
            assertThat(paidAgain).as("credited once").isFalse();
            assertThat(declinedAfter).as("an ended top-up stays ended").isFalse();
            TopupRepository.Row done = f.db().jdbi().inTransaction(h -> topups.find(h, "t1")).orElseThrow();
            assertThat(done.state()).isEqualTo(TopupState.SUCCEEDED);
            assertThat(done.checkoutUrl()).as("kept").isEqualTo("https://checkout.example/1");
        }
    }
}
