package dance.normal.server.auth;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.auth.AuthMessages;
import dance.normal.protocol.auth.Device;
import dance.normal.protocol.auth.DeviceChallenge;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.server.http.ApiException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * An account's devices: the keys that sign its purchases and withdrawals. Adding one takes a one-time challenge
 * signed by the new key and a step-up (the password, or a registered device's approval).
 */
public final class DeviceService {

    private static final Pattern BASE58 = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final Throttle throttle;
    private final Clock clock;
    private final AccountRepository accounts;
    private final DeviceRepository devices;

    DeviceService(Jdbi jdbi, PasswordHasher hasher, Throttle throttle, Clock clock, AccountRepository accounts,
                  DeviceRepository devices) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
        this.accounts = accounts;
        this.devices = devices;
    }

    /**
     * A challenge for adding a device: an off-chain message naming the account (and the new key, when given), valid
     * for {@link AuthService#CHALLENGE_TTL}, usable once.
     */
    public DeviceChallenge challenge(Principal principal, DeviceChallengeRequest request) {
        String key = request == null || request.publicKey() == null ? null : request.publicKey().strip();
        if (key != null) {
            requirePublicKey(key);
        }
        return jdbi.inTransaction(h -> {
            String email = accounts.find(h, principal.accountId()).map(AccountRepository.Account::email)
                    .orElseThrow(() -> ApiException.unauthenticated("This account no longer exists."));
            String id = UUID.randomUUID().toString();
            long now = clock.millis();
            Instant expires = Instant.ofEpochMilli(now + AuthService.CHALLENGE_TTL.toMillis());
            // Without a key the signer slot holds the all-zero address: the signature still proves who holds the key.
            Address signer = key == null ? Address.of(new byte[Address.LENGTH]) : Address.of(key);
            byte[] message = OffchainMessage.create(TokenMessages.applicationDomain(), List.of(signer),
                    AuthMessages.addDevice(principal.accountId(), email, id, expires)).serialize();
            String encoded = Base64.getEncoder().encodeToString(message);
            devices.insertChallenge(h, id, principal.accountId(), key, encoded, expires.toEpochMilli(),
                    now - Duration.ofHours(1).toMillis());
            return new DeviceChallenge(id, encoded);
        });
    }

    /**
     * Adds a device's key: the caller must hold the new key (its signature of a fresh challenge of this account) and
     * step up (the account's password, or a signature of the same challenge by a device already registered), so a
     * stolen access token alone cannot add a signing key. The challenge is spent whatever the outcome.
     */
    public Device register(Principal principal, DeviceRequest request) {
        char[] password = request.password();
        try {
            String key = request.publicKey() == null ? "" : request.publicKey().strip();
            requirePublicKey(key);
            String name = request.name() == null || request.name().isBlank() ? "Device" : request.name().strip();
            if (name.length() > 100) {
                throw ApiException.validation("The device name can have at most 100 characters.");
            }
            if (request.challengeId() == null || request.challengeId().isBlank() || request.signature() == null) {
                throw ApiException.validation("Adding a device needs challengeId and signature: ask POST "
                        + "/api/v1/me/devices/challenge and sign its message with the new device's key.");
            }
            boolean approved = request.approverKey() != null && !request.approverKey().isBlank();
            if (!approved && (password == null || password.length == 0)) {
                throw ApiException.validation("Adding a device needs the account's password (or the approval of a "
                        + "device already registered).");
            }
            // Spent in a transaction of its own: a wrong signature or password below must not give it back.
            byte[] message = Base64.getDecoder().decode(jdbi.inTransaction(h -> devices.spendChallenge(h,
                    principal.accountId(), request.challengeId().strip(), key, clock.millis()))
                    .orElseThrow(() -> ApiException.forbidden("This challenge is unknown, used, expired, or for "
                            + "another key; ask for a new one.")));
            if (!signedBy(key, message, request.signature())) {
                throw new ApiException(ProblemType.SIGNATURE_INVALID, 403,
                        "The signature is not the new device key's signature of the challenge; nothing was added.");
            }
            if (approved) {
                String approver = request.approverKey().strip();
                boolean registered = jdbi.withHandle(h -> devices.isRegistered(h, principal.accountId(),
                        approver));
                if (!registered || !signedBy(approver, message, request.approverSignature())) {
                    throw new ApiException(ProblemType.SIGNATURE_INVALID, 403,
                            "The approval is not a registered device's signature of the challenge; nothing was added.");
                }
            } else {
                requirePassword(principal.accountId(), password);
            }
            return jdbi.inTransaction(h -> {
                Optional<Device> existing = devices.devices(h, principal.accountId()).stream()
                        .filter(d -> d.publicKey().equals(key)).findFirst();
                if (existing.isPresent()) {
                    return existing.get();
                }
                Device device = new Device(UUID.randomUUID().toString(), name, key, Instant.ofEpochMilli(
                        clock.millis()));
                devices.insert(h, principal.accountId(), device);
                return device;
            });
        } finally {
            AuthService.wipe(password);
        }
    }

    public List<Device> devices(Principal principal) {
        return jdbi.withHandle(h -> devices.devices(h, principal.accountId()));
    }

    /** Removes one of the account's devices; its key signs nothing for the account from now on. */
    public void remove(Principal principal, String deviceId) {
        if (!jdbi.inTransaction(h -> devices.remove(h, principal.accountId(), deviceId))) {
            throw ApiException.notFound("This account has no such device.");
        }
    }

    private static boolean signedBy(String key, byte[] message, String signatureBase58) {
        try {
            byte[] signature = Base58.decode(signatureBase58 == null ? ""
                    : signatureBase58.strip());
            return signature.length == Signatures.LENGTH && Signatures.verify(Address.of(key).bytes(), message,
                    signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The account's password, as a step-up: limited like sign-ins, per account (5 per 15 minutes). */
    private void requirePassword(String accountId, char[] password) {
        String subject = "step-up:" + accountId;
        throttle.claim(subject, AuthService.MAX_FAILURES_PER_ACCOUNT, AuthService.FAILURE_WINDOW,
                "Too many wrong passwords. Try again in %d minutes.");
        String hash = jdbi.withHandle(h -> accounts.find(h, accountId)).orElseThrow().passwordHash();
        boolean ok;
        try {
            ok = AuthService.hashing(() -> hasher.verify(password, hash));
        } catch (ApiException busy) {
            throttle.release(subject);
            throw busy;
        }
        if (!ok) {
            throw new ApiException(ProblemType.INVALID_CREDENTIALS, 403,
                    "The password is wrong; nothing was added.");
        }
        throttle.reset(subject);
    }

    private static void requirePublicKey(String key) {
        if (!BASE58.matcher(key).matches() || Base58.decode(key).length != 32) {
            throw ApiException.validation("publicKey must be a base58 Ed25519 public key (32 bytes).");
        }
    }
}
