package dance.normal.server.auth;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.ArtistProfileRequest;
import dance.normal.protocol.auth.Device;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Artist;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Accounts, sessions and devices.
 *
 * <p>A session is a family of refresh tokens: each refresh spends the presented token and issues the next one.
 * Presenting a spent token means it was copied, so the whole family is revoked, and with it every access token
 * that names the session. Failed sign-ins are counted in the database, per account and per address, so the
 * limit holds across server processes.
 */
public final class AuthService {

    public static final Duration REFRESH_TTL = Duration.ofDays(30);
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    static final int MAX_FAILURES_PER_ACCOUNT = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 30;
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

    public AuthService(Jdbi jdbi, CatalogRepository catalog, PasswordHasher hasher, TokenService tokens, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    public TokenPair signup(SignupRequest request) {
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
            String hash = hasher.hash(password);
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

    public TokenPair login(LoginRequest request, String address) {
        char[] password = request.password();
        try {
            if (request.email() == null || password == null) {
                throw ApiException.validation("Enter your email and password.");
            }
            String email = request.email().strip().toLowerCase(Locale.ROOT);
            checkRate("account:" + email, MAX_FAILURES_PER_ACCOUNT,
                    "Too many wrong passwords for this account. Try again in %d minutes.");
            checkRate("address:" + address, MAX_FAILURES_PER_ADDRESS,
                    "Too many failed sign-ins from your network. Try again in %d minutes.");
            record Account(String id, String hash, Role role) {
            }
            Optional<Account> account = jdbi.withHandle(h -> h.createQuery(
                            "SELECT id, password_hash, role FROM accounts WHERE email = :e")
                    .bind("e", email)
                    .map((rs, ctx) -> new Account(rs.getString(1), rs.getString(2), Role.fromWire(rs.getString(3))))
                    .findOne());
            boolean ok;
            if (account.isPresent()) {
                ok = hasher.verify(password, account.get().hash());
            } else {
                hasher.verifyDecoy(password);
                ok = false;
            }
            if (!ok) {
                recordFailure("account:" + email, "address:" + address);
                throw new ApiException(ProblemType.INVALID_CREDENTIALS, 401, "The email or password is wrong.");
            }
            jdbi.useHandle(h -> h.execute("DELETE FROM login_failures WHERE subject = ?", "account:" + email));
            return startSession(account.get().id(), account.get().role());
        } finally {
            wipe(password);
        }
    }

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
        int spent = s.spent() ? 0 : jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE refresh_tokens SET spent_at = :now WHERE token_hash = :h AND spent_at IS NULL")
                .bind("now", now).bind("h", hash).execute());
        if (spent == 0) {
            revokeSession(s.sessionId());
            throw new ApiException(ProblemType.REFRESH_REUSED, 401,
                    "This sign-in was used from somewhere else, so it was ended for safety. Sign in again.");
        }
        String refresh = jdbi.inTransaction(h -> newRefreshToken(h, s.sessionId()));
        return pair(s.accountId(), s.role(), s.sessionId(), refresh);
    }

    /** Ends the session the refresh token belongs to; unknown tokens are ignored (sign-out is idempotent). */
    public void logout(Principal principal, String refreshToken) {
        revokeSession(principal.sessionId());
        if (refreshToken != null && !refreshToken.isBlank()) {
            jdbi.withHandle(h -> h.createQuery("SELECT session_id FROM refresh_tokens WHERE token_hash = :h")
                            .bind("h", sha256Hex(refreshToken)).mapTo(String.class).findOne())
                    .ifPresent(this::revokeSession);
        }
    }

    /** Throws 401 when the principal's session has been signed out or revoked. */
    public void requireLiveSession(Principal principal) {
        boolean live = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM sessions WHERE id = :id AND revoked_at IS NULL")
                .bind("id", principal.sessionId()).mapTo(Integer.class).one()) == 1;
        if (!live) {
            throw ApiException.unauthenticated("This session has ended. Sign in again.");
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

    public Device registerDevice(Principal principal, DeviceRequest request) {
        String key = request.publicKey() == null ? "" : request.publicKey().strip();
        if (!BASE58.matcher(key).matches() || Base58.decode(key).length != 32) {
            throw ApiException.validation("publicKey must be a base58 Ed25519 public key (32 bytes).");
        }
        String name = request.name() == null || request.name().isBlank() ? "Device" : request.name().strip();
        if (name.length() > 100) {
            throw ApiException.validation("The device name can have at most 100 characters.");
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
            return newRefreshToken(h, sessionId);
        });
        return pair(accountId, role, sessionId, refresh);
    }

    private TokenPair pair(String accountId, Role role, String sessionId, String refresh) {
        Principal principal = new Principal(accountId, role, sessionId);
        return new TokenPair(tokens.issue(accountId, role, sessionId), refresh, "Bearer",
                TokenService.ACCESS_TTL.toSeconds(), me(principal));
    }

    private String newRefreshToken(Handle h, String sessionId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        long now = clock.millis();
        h.createUpdate("INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) "
                        + "VALUES (:h, :s, :now, :exp)")
                .bind("h", sha256Hex(token)).bind("s", sessionId).bind("now", now)
                .bind("exp", now + REFRESH_TTL.toMillis()).execute();
        return token;
    }

    private void revokeSession(String sessionId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id "
                        + "AND revoked_at IS NULL")
                .bind("now", clock.millis()).bind("id", sessionId).execute());
    }

    private void checkRate(String subject, int max, String message) {
        long since = clock.millis() - FAILURE_WINDOW.toMillis();
        record Window(int count, long oldest) {
        }
        Window w = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_failures WHERE subject = :s AND at > :since")
                .bind("s", subject).bind("since", since)
                .map((rs, ctx) -> new Window(rs.getInt(1), rs.getLong(2))).one());
        if (w.count() >= max) {
            long retryMs = Math.max(1000, w.oldest() + FAILURE_WINDOW.toMillis() - clock.millis());
            long retrySeconds = (retryMs + 999) / 1000;
            throw new ApiException(ProblemType.TOO_MANY_REQUESTS, 429,
                    message.formatted(Math.max(1, (retrySeconds + 59) / 60)),
                    Map.of("Retry-After", Long.toString(retrySeconds)));
        }
    }

    private void recordFailure(String... subjects) {
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            for (String subject : subjects) {
                h.createUpdate("INSERT INTO login_failures (subject, at) VALUES (:s, :at)")
                        .bind("s", subject).bind("at", now).execute();
            }
            h.createUpdate("DELETE FROM login_failures WHERE at < :old")
                    .bind("old", now - FAILURE_WINDOW.toMillis()).execute();
        });
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
