package dance.normal.wallet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a wallet operation failed, as a {@link Kind} a caller can switch on and a short sentence a person can read.
 * Messages never contain key material, passwords or the recovery phrase.
 */
public final class WalletException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** A recovery phrase was refused: unknown word, wrong count or bad checksum. */
        INVALID_PHRASE,
        /** An argument other than a phrase was refused (an empty password, a negative account index...). */
        INVALID_ARGUMENT,
        /** There is no keystore at the given path. */
        NOT_FOUND,
        /** A keystore already exists at the given path; it is never overwritten by create or import. */
        ALREADY_EXISTS,
        /** The file is not a keystore this code can read: truncated, not JSON, or fields missing or malformed. */
        UNREADABLE,
        /** The keystore was written by a newer version of the format. */
        UNSUPPORTED_VERSION,
        /** The keystore parses, but authentication failed: it was altered after it was written. */
        TAMPERED,
        /** The account password does not unlock this keystore. */
        WRONG_PASSWORD,
        /** The device secret found on this device is not the one this keystore was sealed with. */
        WRONG_DEVICE_SECRET,
        /** This device holds no device secret for the wallet; unlock with the account password instead. */
        NO_DEVICE_SECRET,
        /** The device secret is stored unsafely (for example a key file others can read) and was not used. */
        DEVICE_SECRET_INSECURE,
        /** Too many wrong passwords: try again after {@link #retryAfter()}. */
        TOO_MANY_ATTEMPTS,
        /** The wallet or signer is closed, so its key is gone from memory. */
        LOCKED,
        /** Another process or thread held the keystore's lock for too long. */
        BUSY,
        /** Reading or writing a file failed for a reason outside the wallet (disk full, permissions...). */
        IO,
        /** The signing policy refuses the transaction (a program or operation not on the allow-list). */
        POLICY_REFUSED,
        /** The transaction is above the person's limits: sign it again with the account password. */
        PASSWORD_REQUIRED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public WalletException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public WalletException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    private WalletException(Kind kind, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    /** A {@link Kind#TOO_MANY_ATTEMPTS} failure that tells the caller how long to wait. */
    public static WalletException tooManyAttempts(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new WalletException(Kind.TOO_MANY_ATTEMPTS,
                "Too many wrong passwords: try again in " + seconds + (seconds == 1 ? " second" : " seconds"),
                null, retryAfter);
    }

    /** A {@link Kind#WRONG_PASSWORD} failure that also says how long to wait before the next attempt. */
    public static WalletException wrongPassword(Duration nextAttemptIn) {
        long seconds = Math.max(1, (nextAttemptIn.toMillis() + 999) / 1000);
        return new WalletException(Kind.WRONG_PASSWORD, "The password is not correct; try again in " + seconds
                + (seconds == 1 ? " second" : " seconds"), null, nextAttemptIn);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * How long to wait before the next password attempt; present for {@link Kind#TOO_MANY_ATTEMPTS} and for a
     * {@link Kind#WRONG_PASSWORD} that started a back-off.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
