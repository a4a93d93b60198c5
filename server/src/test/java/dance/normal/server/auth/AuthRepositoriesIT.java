package dance.normal.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dance.normal.protocol.Role;
import dance.normal.protocol.auth.Device;
import dance.normal.server.support.Databases;
import dance.normal.server.support.RepositoryFixture;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The auth table groups' repositories on SQLite and PostgreSQL: accounts (one per email), sessions with their
 * refresh tokens (spent once, rotated, revoked), and devices with their one-time challenges.
 */
class AuthRepositoriesIT {

    private final AccountRepository accounts = new AccountRepository();
    private final SessionRepository sessions = new SessionRepository();
    private final DeviceRepository devices = new DeviceRepository();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void accountsAreFoundByIdAndEmailAndOneEmailIsOneAccount(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            f.db().jdbi().useTransaction(h -> accounts.insert(h, "a1", "x@example.test", "hash", Role.ARTIST, 5));
            Optional<AccountRepository.Account> byEmail = f.db().jdbi().inTransaction(h -> accounts.findByEmail(h,
                    "x@example.test"));
            assertThat(byEmail).contains(new AccountRepository.Account("a1", "x@example.test", "hash", Role.ARTIST));
            Optional<AccountRepository.Account> byId = f.db().jdbi().inTransaction(h -> accounts.find(h, "a1"));
            assertThat(byId).isEqualTo(byEmail);
            assertThatThrownBy(() -> f.db().jdbi().useTransaction(h -> accounts.insert(h, "a2", "x@example.test",
                    "hash", Role.LISTENER, 6))).isInstanceOf(RuntimeException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aRefreshTokenIsSpentOnceRotatedAndItsSessionRevoked(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String account = f.db().jdbi().inTransaction(f::account);
            f.db().jdbi().useTransaction(h -> {
                sessions.insertSession(h, "s1", account, 1);
                sessions.insertRefreshToken(h, "h0", "s1", 0, 1, 1000);
            });
            f.db().jdbi().useTransaction(h -> {
                SessionRepository.StoredRefresh stored = sessions.findRefresh(h, "h0").orElseThrow();
                assertThat(stored).isEqualTo(new SessionRepository.StoredRefresh("s1", 1000, false, false, account));
                assertThat(sessions.spend(h, "h0", 10)).isTrue();
                assertThat(sessions.spend(h, "h0", 11)).as("spent once").isFalse();
                long generation = sessions.nextGeneration(h, "s1");
                assertThat(generation).isEqualTo(1);
                sessions.insertRefreshToken(h, "h1", "s1", generation, 10, 1010);
                sessions.replacedBy(h, "h0", "h1");
                assertThat(sessions.spentByRotation(h, "h0")).contains(new SessionRepository.Spent(10, "h1"));
                assertThat(sessions.usedGeneration(h, "s1")).contains(0L);
                sessions.markUsed(h, "s1", 1);
                assertThat(sessions.spendUnusedSuccessor(h, "s1", "h1", 12)).as("its pair was used").isFalse();
                assertThat(sessions.sessionOf(h, "h1")).contains("s1");
                sessions.revoke(h, "s1", 20);
                assertThat(sessions.usedGeneration(h, "s1")).as("revoked").isEmpty();
                assertThat(sessions.findRefresh(h, "h1").orElseThrow().revoked()).isTrue();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void devicesAreListedAndAChallengeIsSpentOnce(Databases.Kind kind) {
        try (RepositoryFixture f = RepositoryFixture.open(kind)) {
            String account = f.db().jdbi().inTransaction(f::account);
            f.db().jdbi().useTransaction(h -> {
                devices.insert(h, account, new Device("d1", "Laptop", "K1", Instant.ofEpochMilli(1)));
                devices.insert(h, account, new Device("d2", "Phone", "K2", Instant.ofEpochMilli(2)));
                devices.insertChallenge(h, "c1", account, "K3", "bWVzc2FnZQ==", 100, 0);
            });
            f.db().jdbi().useTransaction(h -> {
                assertThat(devices.devices(h, account)).extracting(Device::id).containsExactly("d1", "d2");
                assertThat(devices.keysNewestFirst(h, account)).containsExactly("K2", "K1");
                assertThat(devices.isRegistered(h, account, "K1")).isTrue();
                assertThat(devices.keyOf(h, account, "d2")).contains("K2");
                assertThat(devices.keyOf(h, "someone else", "d2")).isEmpty();
                assertThat(devices.spendChallenge(h, account, "c1", "K4", 50)).as("another key").isEmpty();
                assertThat(devices.spendChallenge(h, account, "c1", "K3", 100)).as("expired").isEmpty();
                assertThat(devices.spendChallenge(h, account, "c1", "K3", 50)).contains("bWVzc2FnZQ==");
                assertThat(devices.spendChallenge(h, account, "c1", "K3", 51)).as("used").isEmpty();
                assertThat(devices.remove(h, account, "d1")).isTrue();
                assertThat(devices.remove(h, account, "d1")).isFalse();
            });
            List<Device> left = f.db().jdbi().inTransaction(h -> devices.devices(h, account));
            assertThat(left).extracting(Device::id).containsExactly("d2");
        }
    }
}
