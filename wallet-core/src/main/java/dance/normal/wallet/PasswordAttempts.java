package dance.normal.wallet;

import dance.normal.wallet.WalletException.Kind;
import dance.normal.wallet.keystore.KeystoreLock;
import dance.normal.wallet.unlock.AuditLog;
import dance.normal.wallet.unlock.PasswordBackoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The account password's attempts on a wallet: back-off after wrong passwords, and an audit line for each. */
final class PasswordAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(Wallet.class);

    private PasswordAttempts() {
    }

    /**
     * Runs a password attempt under the keystore lock: refuses while backing off, records a wrong password (which
     * starts or lengthens the back-off), resets the back-off on success, and audits each outcome.
     */
    static <T> T guarded(Path file, PasswordBackoff backoff, AuditLog audit, String act,
                                 Supplier<T> attempt, Consumer<T> discard) {
        try (KeystoreLock _ = KeystoreLock.acquire(file)) {
            Duration wait = backoff.remaining();
            if (!wait.isZero()) {
                audit.record(act, "refused backing-off " + seconds(wait) + "s");
                throw WalletException.tooManyAttempts(wait);
            }
            T result;
            try {
                result = attempt.get();
            } catch (WalletException e) {
                if (e.kind() == Kind.WRONG_PASSWORD) {
                    Duration next = backoff.recordFailure();
                    audit.record(act, "wrong-password next-attempt-in " + seconds(next) + "s");
                    LOG.warn("Wrong password for {} ({}); next attempt in {} s", file.getFileName(), act,
                            seconds(next));
                    throw WalletException.wrongPassword(next);
                }
                audit.record(act, "failed " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                throw e;
            }
            try {
                backoff.recordSuccess();
                audit.record(act, "success");
            } catch (RuntimeException e) {
                discard.accept(result);
                throw e;
            }
            return result;
        }
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
