package dance.normal.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.server.db.Database;
import dance.normal.server.royalty.RoyaltyRules;
import dance.normal.server.royalty.Split;
import dance.normal.server.support.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ledger on SQLite and PostgreSQL: balanced, append-only, hash-chained, and a verify that catches tampering. */
class LedgerIT {

    private static Database open(Databases.Kind kind) throws Exception {
        Path dir = Files.createTempDirectory("nd-ledger-");
        Optional<String> url = kind == Databases.Kind.POSTGRES
                ? Optional.of(Databases.newPostgresDatabase()) : Optional.empty();
        return Database.open(dir, url, Optional.empty(), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void moneyMovesInBalancedTransactionsAndStatementsShowWhereItCameFrom(Databases.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            Ledger ledger = new Ledger(db.jdbi(), Clock.systemUTC());
            ledger.append("topup", "Top-up with a test card", List.of(
                    new Posting("external:card", -10_000_000), new Posting("listener:L:balance", 10_000_000)));
            // A purchase of 3 tokens at $1.25: $3.75 split 90/10.
            Split sale = RoyaltyRules.sale(3_750_000);
            ledger.append("purchase", "3 tokens of Track T", List.of(
                    new Posting("listener:L:balance", -3_750_000), new Posting("artist:A", sale.artist()),
                    new Posting("platform:fees", sale.platform())));

            assertThat(ledger.balance("listener:L:balance")).isEqualTo(6_250_000);
            assertThat(ledger.balance("artist:A")).isEqualTo(3_375_000);
            assertThat(ledger.balance("platform:fees")).isEqualTo(375_000);
            assertThat(ledger.statement("listener:L:balance")).extracting(LedgerTransaction::kind)
                    .containsExactly("topup", "purchase");

            assertThatThrownBy(() -> ledger.append("broken", "unbalanced", List.of(
                    new Posting("artist:A", 5), new Posting("platform:fees", -4))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ by 1");
            assertThatThrownBy(() -> ledger.append("overdraft", "more than the balance", List.of(
                    new Posting("listener:L:balance", -6_250_001), new Posting("artist:A", 6_250_001))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not enough");
            assertThat(ledger.balance("listener:L:balance")).as("nothing half-written").isEqualTo(6_250_000);

            LedgerReport report = ledger.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.transactions()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void verifyFindsAChangedAmountAndARemovedTransaction(Databases.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            Ledger ledger = new Ledger(db.jdbi(), Clock.systemUTC());
            for (int i = 0; i < 3; i++) {
                ledger.append("topup", "Top-up " + i, List.of(new Posting("external:card", -1_000_000),
                        new Posting("listener:L:balance", 1_000_000)));
            }
            db.jdbi().useHandle(h -> h.execute("UPDATE ledger_postings SET amount = 2000000 WHERE tx_seq = 2 "
                    + "AND account = 'listener:L:balance'"));
            assertThat(ledger.verify().problems()).anySatisfy(p -> assertThat(p).contains("Transaction 2 was changed"))
                    .anySatisfy(p -> assertThat(p).contains("does not balance"));

            db.jdbi().useHandle(h -> {
                h.execute("UPDATE ledger_postings SET amount = 1000000 WHERE tx_seq = 2 "
                        + "AND account = 'listener:L:balance'");
                h.execute("DELETE FROM ledger_postings WHERE tx_seq = 3");
                h.execute("DELETE FROM ledger_transactions WHERE seq = 3");
            });
            // The removal shows twice: the head no longer matches, and the kept balances no longer add up.
            assertThat(ledger.verify().problems()).containsExactlyInAnyOrder(
                    "The chain's head does not match its last transaction (a transaction was removed).",
                    "Account external:card is recorded as -3000000 but its postings add up to -2000000.",
                    "Account listener:L:balance is recorded as 3000000 but its postings add up to 2000000.");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void concurrentAppendsKeepOneUnbrokenChain(Databases.Kind kind) throws Exception {
        try (Database db = open(kind); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            Ledger ledger = new Ledger(db.jdbi(), Clock.systemUTC());
            List<Future<LedgerTransaction>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String listener = "listener:" + (i % 8) + ":balance";
                done.add(pool.submit(() -> ledger.append("topup", "Top-up", List.of(
                        new Posting("external:card", -1_000), new Posting(listener, 1_000)))));
            }
            for (Future<LedgerTransaction> f : done) {
                f.get();
            }
            LedgerReport report = ledger.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.transactions()).isEqualTo(200);
            assertThat(ledger.balance("external:card")).isEqualTo(-200_000);
            assertThat(Map.of("sum", ledger.balance("listener:0:balance"))).containsEntry("sum", 25_000L);
        }
    }
}
