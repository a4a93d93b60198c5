package dance.normal.server.auth;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.ArtistProfileRequest;
import dance.normal.protocol.auth.AuthMessages;
import dance.normal.protocol.auth.Device;
import dance.normal.protocol.auth.DeviceChallenge;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceProof;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.Signatures;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Accounts, sessions and devices.
 *
 * <p>A session is a family of refresh tokens: each refresh spends the presented token and issues the next one.
 * Presenting a spent token means it was copied, so the whole family is revoked, and with it every access token
 * that names the session (after a short grace for a client that lost the answer to its refresh; see
 * {@link #refresh}). Sign-in attempts are counted in the database ({@link Throttle}), per account, per address and
 * per proven device, so the limits hold across server processes.
 */
public final class AuthService {

    public static final Duration REFRESH_TTL = Duration.ofDays(30);
    /** How long after a rotation the spent token may be presented again by a client that lost the answer. */
    public static final Duration GRACE = Duration.ofSeconds(30);
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    static final int MAX_FAILURES_PER_ACCOUNT = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 30;
    static final int MAX_FAILURES_PER_DEVICE = 10;
    /** How far a device proof's time may be from the server's clock. */
    static final Duration PROOF_SKEW = Duration.ofMinutes(5);
    /** How long a challenge to add a device can be used. */
    public static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    private static final int MIN_PASSWORD = 10;
    private static final int MAX_PASSWORD = 1024;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern BASE58 = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Throttle throttle;
    private final int signupsPerHour;

    /** @param signupsPerHour new accounts one address may make per hour; 0 for no limit */
    public AuthService(Jdbi jdbi, CatalogRepository catalog, PasswordHasher hasher, TokenService tokens, Clock clock,
                       int signupsPerHour) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.throttle = new Throttle(jdbi, clock);
        this.signupsPerHour = signupsPerHour;
    }

    /** @param address the client's address, for the per-address limit on new accounts */
    public TokenPair signup(SignupRequest request, String address) {
        char[] password = request.password();
        try {
            String email = normaliseEmail(request.email());
            if (request.role() == null) {
                throw ApiException.validation("Choose a role: \"listener\" or \"artist\".");
            }
            checkPassword(password);
            String name = request.name() == null ? null : request.name().strip();
            if (request.role() == Role.ARTIST && (name == null || name.isEmpty() || name.length() > 200)) {
                throw ApiException.validation("An artist needs a name of 1 to 200 characters.");
            }
            if (signupsPerHour > 0) {
                throttle.claim("signup:" + address, signupsPerHour, Duration.ofHours(1),
                        "Too many new accounts from your network. Try again in %d minutes.");
            }
            String hash = hashing(() -> hasher.hash(password));
            String accountId = UUID.randomUUID().toString();
            try {
                jdbi.useTransaction(h -> {
                    h.createUpdate("INSERT INTO accounts (id, email, password_hash, role, created_at) "
                                    + "VALUES (:id, :email, :hash, :role, :now)")
                            .bind("id", accountId).bind("email", email).bind("hash", hash)
                            .bind("role", request.role().wire()).bind("now", clock.millis()).execute();
                    if (request.role() == Role.ARTIST) {
                        catalog.createArtist(h, accountId, name, "");
                    }
                });
            } catch (UnableToExecuteStatementException e) {
                if (emailExists(email)) {
                    throw ApiException.conflict(ProblemType.EMAIL_TAKEN,
                            "An account with this email already exists. Sign in instead.");
                }
                throw e;
            }
            return startSession(accountId, request.role());
        } finally {
            wipe(password);
        }
    }

    /**
     * Signs in. Every attempt claims a slot of the per-account and per-address limits before the password is
     * checked (a right password gives its slots back), so parallel guesses cannot overshoot them. A sign-in with a
     * valid {@link DeviceProof} by one of the account's registered devices counts against that device instead, so
     * strangers' wrong passwords cannot lock the owner out of a device that signed in before.
     */
    public TokenPair login(LoginRequest request, String address) {
        char[] password = request.password();
        try {
            if (request.email() == null || password == null) {
                throw ApiException.validation("Enter your email and password.");
            }
            String email = request.email().strip().toLowerCase(Locale.ROOT);
            record Account(String id, String hash, Role role) {
            }
            Optional<Account> account = jdbi.withHandle(h -> h.createQuery(
                            "SELECT id, password_hash, role FROM accounts WHERE email = :e")
                    .bind("e", email)
                    .map((rs, ctx) -> new Account(rs.getString(1), rs.getString(2), Role.fromWire(rs.getString(3))))
                    .findOne());
            Optional<String> device = account.flatMap(a -> provenDevice(a.id(), email, request.deviceProof()));
            List<String> claimed = new ArrayList<>();
            if (device.isPresent()) {
                claim(claimed, "device:" + device.get(), MAX_FAILURES_PER_DEVICE,
                        "Too many wrong passwords from this device. Try again in %d minutes.");
            } else {
                claim(claimed, "address:" + address, MAX_FAILURES_PER_ADDRESS,
                        "Too many failed sign-ins from your network. Try again in %d minutes.");
                claim(claimed, "account:" + email, MAX_FAILURES_PER_ACCOUNT,
                        "Too many wrong passwords for this account. Try again in %d minutes.");
            }
            boolean ok;
            try {
                ok = hashing(() -> {
                    if (account.isPresent()) {
                        return hasher.verify(password, account.get().hash());
                    }
                    hasher.verifyDecoy(password);
                    return false;
                });
            } catch (ApiException busy) {
                claimed.forEach(throttle::release); // not judged
                throw busy;
            }
            if (!ok) {
                throw new ApiException(ProblemType.INVALID_CREDENTIALS, 401, "The email or password is wrong.");
            }
            for (String subject : claimed) {
                if (subject.startsWith("address:")) {
                    throttle.release(subject);
                } else {
                    throttle.reset(subject);
                }
            }
            return startSession(account.get().id(), account.get().role());
        } finally {
            wipe(password);
        }
    }

    private void claim(List<String> claimed, String subject, int max, String message) {
        throttle.claim(subject, max, FAILURE_WINDOW, message);
        claimed.add(subject);
    }

    /** The device key of a valid proof by one of the account's registered devices, signed within the skew. */
    private Optional<String> provenDevice(String accountId, String email, DeviceProof proof) {
        if (proof == null || proof.publicKey() == null || proof.signedAt() == null || proof.signature() == null
                || proof.publicKey().length() > 64 || proof.signature().length() > 128) {
            return Optional.empty();
        }
        if (Duration.between(proof.signedAt(), clock.instant()).abs().compareTo(PROOF_SKEW) > 0) {
            return Optional.empty();
        }
        String key = proof.publicKey().strip();
        boolean registered = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM devices WHERE account_id = :a AND public_key = :k")
                .bind("a", accountId).bind("k", key).mapTo(Integer.class).one()) > 0;
        if (!registered) {
            return Optional.empty();
        }
        try {
            boolean signed = OffchainMessage.verify(Address.of(key).bytes(),
                    Base58.decode(proof.signature().strip()),
                    TokenMessages.applicationDomain(), AuthMessages.signIn(email, proof.signedAt()));
            return signed ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Runs a password hash, answering 503 with Retry-After when too many are running already. */
    private <T> T hashing(Supplier<T> work) {
        try {
            return work.get();
        } catch (PasswordHasher.Busy e) {
            throw new ApiException(ProblemType.UNAVAILABLE, 503,
                    "The server is busy checking passwords. Try again in a moment.", Map.of("Retry-After", "2"));
        }
    }

    /**
     * Spends {@code refreshToken} and answers the next pair of its session.
     *
     * <p>A spent token presented again is a copy, and ends the session, with one exception: within {@link #GRACE}
     * of its rotation, while the pair it was rotated into has not been used at all (neither refreshed nor its access
     * token sent), it is taken as the same client retrying after the answer was lost (a crash before the new tokens
     * were saved). It then gets another successor in the same session, and the unused one is spent, so whichever
     * copy is used later revokes the session. After the grace, or once the successor was used, reuse revokes.
     */
    public TokenPair refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.validation("refreshToken is required.");
        }
        String hash = sha256Hex(refreshToken);
        long now = clock.millis();
        record Stored(String sessionId, long expiresAt, boolean spent, boolean revoked, String accountId, Role role) {
        }
        Optional<Stored> stored = jdbi.withHandle(h -> h.createQuery(
                        "SELECT r.session_id, r.expires_at, r.spent_at IS NOT NULL, s.revoked_at IS NOT NULL, "
                                + "a.id, a.role FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id "
                                + "JOIN accounts a ON a.id = s.account_id WHERE r.token_hash = :h")
                .bind("h", hash)
                .map((rs, ctx) -> new Stored(rs.getString(1), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getString(5), Role.fromWire(rs.getString(6))))
                .findOne());
        if (stored.isEmpty() || stored.get().revoked() || stored.get().expiresAt() <= now) {
            throw ApiException.unauthenticated("This session has ended. Sign in again.");
        }
        Stored s = stored.get();
        // Spending is a conditional update, so two concurrent refreshes with one token cannot both succeed.
        Optional<Issued> next = s.spent() ? Optional.empty() : jdbi.inTransaction(h -> {
            int spent = h.createUpdate(
                            "UPDATE refresh_tokens SET spent_at = :now WHERE token_hash = :h AND spent_at IS NULL")
                    .bind("now", now).bind("h", hash).execute();
            return spent == 0 ? Optional.<Issued>empty() : Optional.of(successor(h, s.sessionId(), hash));
        });
        if (next.isEmpty()) {
            next = jdbi.inTransaction(h -> retryWithinGrace(h, s.sessionId(), hash, now));
        }
        if (next.isEmpty()) {
            revokeSession(s.sessionId());
            throw new ApiException(ProblemType.REFRESH_REUSED, 401,
                    "This sign-in was used from somewhere else, so it was ended for safety. Sign in again.");
        }
        return pair(s.accountId(), s.role(), s.sessionId(), next.get());
    }

    /** A refresh token just issued, with its generation in the session. */
    private record Issued(String token, long generation) {
    }

    /** The next refresh token of the session, recorded as what {@code parentHash} was rotated into. */
    private Issued successor(Handle h, String sessionId, String parentHash) {
        h.createUpdate("UPDATE sessions SET generation = generation + 1 WHERE id = :id")
                .bind("id", sessionId).execute();
        long generation = h.createQuery("SELECT generation FROM sessions WHERE id = :id")
                .bind("id", sessionId).mapTo(Long.class).one();
        String token = newRefreshToken(h, sessionId, generation);
        h.createUpdate("UPDATE refresh_tokens SET replaced_by = :next WHERE token_hash = :h")
                .bind("next", sha256Hex(token)).bind("h", parentHash).execute();
        return new Issued(token, generation);
    }

    /**
     * A spent token presented again within the grace, whose successor is unused: the successor is spent (without
     * a successor of its own, so presenting it later is reuse) and another is issued in its place.
     */
    private Optional<Issued> retryWithinGrace(Handle h, String sessionId, String hash, long now) {
        record Spent(long spentAt, String replacedBy) {
        }
        Optional<Spent> spent = h.createQuery("SELECT spent_at, replaced_by FROM refresh_tokens WHERE token_hash = :h "
                        + "AND spent_at IS NOT NULL AND replaced_by IS NOT NULL")
                .bind("h", hash)
                .map((rs, ctx) -> new Spent(rs.getLong(1), rs.getString(2)))
                .findOne();
        if (spent.isEmpty() || now < spent.get().spentAt() || now - spent.get().spentAt() > GRACE.toMillis()) {
            return Optional.empty();
        }
        int superseded = h.createUpdate("UPDATE refresh_tokens SET spent_at = :now WHERE token_hash = :next "
                        + "AND spent_at IS NULL AND generation > "
                        + "(SELECT used_generation FROM sessions WHERE id = :id AND revoked_at IS NULL)")
                .bind("now", now).bind("next", spent.get().replacedBy()).bind("id", sessionId).execute();
        return superseded == 0 ? Optional.empty() : Optional.of(successor(h, sessionId, hash));
    }

    /**
     * Ends the session of the access token (when given and valid) and the session the refresh token belongs to (when
     * given); either alone is enough, since an app signing out after a while idle holds no live access token.
     * Unknown refresh tokens are ignored (sign-out is idempotent).
     */
    public void logout(Principal principal, String refreshToken) {
        if (principal != null) {
            revokeSession(principal.sessionId());
        }
        if (refreshToken != null && !refreshToken.isBlank() && refreshToken.length() <= 200) {
            jdbi.withHandle(h -> h.createQuery("SELECT session_id FROM refresh_tokens WHERE token_hash = :h")
                            .bind("h", sha256Hex(refreshToken)).mapTo(String.class).findOne())
                    .ifPresent(this::revokeSession);
        }
    }

    /**
     * Throws 401 when the principal's session has been signed out or revoked; otherwise notes that the session's
     * pair of {@code generation} has been used (once per rotation), which ends the refresh grace of its parent.
     */
    public void requireLiveSession(Principal principal, long generation) {
        Optional<Long> used = jdbi.withHandle(h -> h.createQuery(
                        "SELECT used_generation FROM sessions WHERE id = :id AND revoked_at IS NULL")
                .bind("id", principal.sessionId()).mapTo(Long.class).findOne());
        if (used.isEmpty()) {
            throw ApiException.unauthenticated("This session has ended. Sign in again.");
        }
        if (used.get() < generation) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET used_generation = :g WHERE id = :id "
                            + "AND used_generation < :g")
                    .bind("g", generation).bind("id", principal.sessionId()).execute());
        }
    }

    public Me me(Principal principal) {
        return jdbi.withHandle(h -> {
            record Row(String id, String email, Role role) {
            }
            Row row = h.createQuery("SELECT id, email, role FROM accounts WHERE id = :id")
                    .bind("id", principal.accountId())
                    .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), Role.fromWire(rs.getString(3))))
                    .findOne()
                    .orElseThrow(() -> ApiException.unauthenticated("This account no longer exists."));
            Artist artist = row.role() == Role.ARTIST ? catalog.artistOfAccount(row.id()).orElse(null) : null;
            return new Me(row.id(), row.email(), row.role(), artist, devices(h, row.id()));
        });
    }

    /**
     * A challenge for adding a device: an off-chain message naming the account (and the new key, when given), valid
     * for {@link #CHALLENGE_TTL}, usable once.
     */
    public DeviceChallenge deviceChallenge(Principal principal, DeviceChallengeRequest request) {
        String key = request == null || request.publicKey() == null ? null : request.publicKey().strip();
        if (key != null) {
            requirePublicKey(key);
        }
        String email = jdbi.withHandle(h -> h.createQuery("SELECT email FROM accounts WHERE id = :id")
                .bind("id", principal.accountId()).mapTo(String.class).findOne())
                .orElseThrow(() -> ApiException.unauthenticated("This account no longer exists."));
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        Instant expires = Instant.ofEpochMilli(now + CHALLENGE_TTL.toMillis());
        // Without a key the signer slot holds the all-zero address: the signature still proves who holds the key.
        Address signer = key == null ? Address.of(new byte[Address.LENGTH]) : Address.of(key);
        byte[] message = OffchainMessage.create(TokenMessages.applicationDomain(), List.of(signer),
                AuthMessages.addDevice(principal.accountId(), email, id, expires)).serialize();
        String encoded = Base64.getEncoder().encodeToString(message);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM device_challenges WHERE expires_at < :old")
                    .bind("old", now - Duration.ofHours(1).toMillis()).execute();
            h.createUpdate("INSERT INTO device_challenges (id, account_id, public_key, message, expires_at) "
                            + "VALUES (:id, :a, :k, :m, :exp)")
                    .bind("id", id).bind("a", principal.accountId()).bind("k", key).bind("m", encoded)
                    .bind("exp", expires.toEpochMilli()).execute();
        });
        return new DeviceChallenge(id, encoded);
    }

    /**
     * Adds a device's key: the caller must hold the new key (its signature of a fresh challenge of this account) and
     * step up (the account's password, or a signature of the same challenge by a device already registered), so a
     * stolen access token alone cannot add a signing key. The challenge is spent whatever the outcome.
     */
    public Device registerDevice(Principal principal, DeviceRequest request) {
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
            byte[] message = spendChallenge(principal.accountId(), request.challengeId().strip(), key);
            if (!signedBy(key, message, request.signature())) {
                throw new ApiException(ProblemType.SIGNATURE_INVALID, 403,
                        "The signature is not the new device key's signature of the challenge; nothing was added.");
            }
            if (approved) {
                String approver = request.approverKey().strip();
                boolean registered = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM devices "
                                + "WHERE account_id = :a AND public_key = :k")
                        .bind("a", principal.accountId()).bind("k", approver).mapTo(Integer.class).one()) > 0;
                if (!registered || !signedBy(approver, message, request.approverSignature())) {
                    throw new ApiException(ProblemType.SIGNATURE_INVALID, 403,
                            "The approval is not a registered device's signature of the challenge; nothing was added.");
                }
            } else {
                requirePassword(principal.accountId(), password);
            }
            return jdbi.inTransaction(h -> {
                Optional<Device> existing = devices(h, principal.accountId()).stream()
                        .filter(d -> d.publicKey().equals(key)).findFirst();
                if (existing.isPresent()) {
                    return existing.get();
                }
                String id = UUID.randomUUID().toString();
                long now = clock.millis();
                h.createUpdate("INSERT INTO devices (id, account_id, name, public_key, registered_at) "
                                + "VALUES (:id, :a, :n, :k, :now)")
                        .bind("id", id).bind("a", principal.accountId()).bind("n", name).bind("k", key)
                        .bind("now", now).execute();
                return new Device(id, name, key, Instant.ofEpochMilli(now));
            });
        } finally {
            wipe(password);
        }
    }

    public List<Device> devices(Principal principal) {
        return jdbi.withHandle(h -> devices(h, principal.accountId()));
    }

    /** Removes one of the account's devices; its key signs nothing for the account from now on. */
    public void removeDevice(Principal principal, String deviceId) {
        int removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM devices WHERE id = :id AND account_id = :a")
                .bind("id", deviceId).bind("a", principal.accountId()).execute());
        if (removed == 0) {
            throw ApiException.notFound("This account has no such device.");
        }
    }

    /** Marks the challenge used and returns its message bytes; 403 when it is unknown, used, expired or not ours. */
    private byte[] spendChallenge(String accountId, String challengeId, String key) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            int spent = h.createUpdate("UPDATE device_challenges SET used_at = :now WHERE id = :id "
                            + "AND account_id = :a AND used_at IS NULL AND expires_at > :now "
                            + "AND (public_key IS NULL OR public_key = :k)")
                    .bind("now", now).bind("id", challengeId).bind("a", accountId).bind("k", key).execute();
            if (spent == 0) {
                throw ApiException.forbidden("This challenge is unknown, used, expired, or for another key; ask for "
                        + "a new one.");
            }
            return Base64.getDecoder().decode(h.createQuery("SELECT message FROM device_challenges WHERE id = :id")
                    .bind("id", challengeId).mapTo(String.class).one());
        });
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
        throttle.claim(subject, MAX_FAILURES_PER_ACCOUNT, FAILURE_WINDOW,
                "Too many wrong passwords. Try again in %d minutes.");
        String hash = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM accounts WHERE id = :id")
                .bind("id", accountId).mapTo(String.class).one());
        boolean ok;
        try {
            ok = hashing(() -> hasher.verify(password, hash));
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

    public Artist updateArtistProfile(Principal principal, ArtistProfileRequest request, String pictureSha256) {
        if (principal.role() != Role.ARTIST) {
            throw ApiException.forbidden("Only artists have a public profile.");
        }
        if (request.name() != null && (request.name().isBlank() || request.name().length() > 200)) {
            throw ApiException.validation("An artist needs a name of 1 to 200 characters.");
        }
        if (request.bio() != null && request.bio().length() > 4000) {
            throw ApiException.validation("The bio can have at most 4000 characters.");
        }
        Artist artist = catalog.artistOfAccount(principal.accountId())
                .orElseThrow(() -> ApiException.notFound("This account has no artist profile."));
        return jdbi.inTransaction(h -> catalog.updateArtist(h, artist.id(),
                request.name() == null ? null : request.name().strip(), request.bio(), pictureSha256));
    }

    private List<Device> devices(Handle h, String accountId) {
        return h.createQuery("SELECT id, name, public_key, registered_at FROM devices WHERE account_id = :a "
                        + "ORDER BY registered_at")
                .bind("a", accountId)
                .map((rs, ctx) -> new Device(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    private TokenPair startSession(String accountId, Role role) {
        String sessionId = UUID.randomUUID().toString();
        String refresh = jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO sessions (id, account_id, created_at) VALUES (:id, :a, :now)")
                    .bind("id", sessionId).bind("a", accountId).bind("now", clock.millis()).execute();
            return newRefreshToken(h, sessionId, 0);
        });
        return pair(accountId, role, sessionId, new Issued(refresh, 0));
    }

    private TokenPair pair(String accountId, Role role, String sessionId, Issued refresh) {
        Principal principal = new Principal(accountId, role, sessionId);
        return new TokenPair(tokens.issue(accountId, role, sessionId, refresh.generation()), refresh.token(),
                "Bearer", TokenService.ACCESS_TTL.toSeconds(), me(principal));
    }

    private String newRefreshToken(Handle h, String sessionId, long generation) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        long now = clock.millis();
        h.createUpdate("INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, generation) "
                        + "VALUES (:h, :s, :now, :exp, :g)")
                .bind("h", sha256Hex(token)).bind("s", sessionId).bind("now", now).bind("g", generation)
                .bind("exp", now + REFRESH_TTL.toMillis()).execute();
        return token;
    }

    private void revokeSession(String sessionId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id "
                        + "AND revoked_at IS NULL")
                .bind("now", clock.millis()).bind("id", sessionId).execute());
    }

    private boolean emailExists(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts WHERE email = :e")
                .bind("e", email).mapTo(Integer.class).one()) > 0;
    }

    private static String normaliseEmail(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > 320 || !EMAIL.matcher(e).matches()) {
            throw ApiException.validation("Enter a valid email address, like name@example.com.");
        }
        return e;
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw ApiException.validation("Choose a password of at least " + MIN_PASSWORD + " characters.");
        }
        if (password.length > MAX_PASSWORD) {
            throw ApiException.validation("The password can have at most " + MAX_PASSWORD + " characters.");
        }
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
