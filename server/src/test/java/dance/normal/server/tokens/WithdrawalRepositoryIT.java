package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The withdrawals table's repository on SQLite and PostgreSQL: one per key, ended once. */
class WithdrawalRepositoryIT {

    private final WithdrawalRepository withdrawals = new WithdrawalRepository();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aPendingWithdrawalEndsOnce(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String account = f.db().jdbi().inTransaction(f::account);
            f.db().jdbi().useTransaction(h -> withdrawals.insert(h, "w1", account, "k1", 50_000, "W", "S", 10));
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> withdrawals.insert(h, "w2", account, "k1",
                    50_000, "W", "S", 11))).as("one per key").isInstanceOf(RuntimeException.class);
            List<WithdrawalRepository.Key> pending = f.db().jdbi().inTransaction(h -> withdrawals.pending(h));
            assertThat(pending).containsExactly(new WithdrawalRepository.Key(account, "k1"));

            boolean paid = f.db().jdbi().inTransaction(h -> withdrawals.end(h, "w1", WithdrawalState.PAID, "ref",
                    20));
            boolean failedAfter = f.db().jdbi().inTransaction(h -> withdrawals.end(h, "w1", WithdrawalState.FAILED,
                    null, 21));
            assertThat(paid).isTrue();
            assertThat(failedAfter).as("ended once").isFalse();
            WithdrawalRepository.Row row = f.db().jdbi().inTransaction(h -> withdrawals.findByKey(h, account, "k1"))
                    .orElseThrow();
            assertThat(row.state()).isEqualTo(WithdrawalState.PAID);
            assertThat(row.chainRef()).isEqualTo("ref");
            assertThat(row.amount()).isEqualTo(50_000);
            List<WithdrawalRepository.Key> none = f.db().jdbi().inTransaction(h -> withdrawals.pending(h));
            assertThat(none).isEmpty();
        }
    }
}
