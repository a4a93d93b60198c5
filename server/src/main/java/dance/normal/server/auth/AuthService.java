package dance.normal.server.auth;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.ArtistProfileRequest;
import dance.normal.protocol.auth.AuthMessages;
import dance.normal.protocol.auth.DeviceProof;
import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.auth.SignupRequest;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.solana.Address;
import dance.normal.wallet.solana.OffchainMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Accounts: signing up and in, the account's own view, and its artist profile. Sessions are {@link SessionService}'s
 * and devices {@link DeviceService}'s; this class makes them (they share its repositories and limits) and hands them
 * out to their routes.
 *
 * <p>Sign-in attempts are counted in the database ({@link Throttle}), per account, per address and per proven
 * device, so the limits hold across server processes.
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

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Throttle throttle;
    private final int signupsPerHour;
    private final AccountRepository accounts = new AccountRepository();
    private final DeviceRepository devices = new DeviceRepository();
    private final SessionService sessions;
    private final DeviceService deviceService;

    /** @param signupsPerHour new accounts one address may make per hour; 0 for no limit */
    public AuthService(Jdbi jdbi, CatalogRepository catalog, PasswordHasher hasher, TokenService tokens, Clock clock,
                       int signupsPerHour) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.hasher = hasher;
        this.clock = clock;
        this.throttle = new Throttle(jdbi, clock);
        this.signupsPerHour = signupsPerHour;
        this.sessions = new SessionService(jdbi, catalog, tokens, clock, accounts, new SessionRepository(), devices);
        this.deviceService = new DeviceService(jdbi, hasher, throttle, clock, accounts, devices);
    }

    /** Starting, refreshing and ending sessions. */
    public SessionService sessions() {
        return sessions;
    }

    /** The account's device keys. */
    public DeviceService deviceService() {
        return deviceService;
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
            String name = request.role() == Role.ARTIST ? artistName(request.name()) : null;
            if (signupsPerHour > 0) {
                throttle.claim("signup:" + address, signupsPerHour, Duration.ofHours(1),
                        "Too many new accounts from your network. Try again in %d minutes.");
            }
            String hash = hashing(() -> hasher.hash(password));
            String accountId = UUID.randomUUID().toString();
            try {
                jdbi.useTransaction(h -> {
                    accounts.insert(h, accountId, email, hash, request.role(), clock.millis());
                    if (request.role() == Role.ARTIST) {
                        catalog.createArtist(h, accountId, name, "");
                    }
                });
            } catch (UnableToExecuteStatementException e) {
                if (jdbi.withHandle(h -> accounts.findByEmail(h, email)).isPresent()) {
                    throw ApiException.conflict(ProblemType.EMAIL_TAKEN,
                            "An account with this email already exists. Sign in instead.");
                }
                throw e;
            }
            return sessions.start(accountId, request.role());
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
            Optional<AccountRepository.Account> account = jdbi.withHandle(h -> accounts.findByEmail(h, email));
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
                        return hasher.verify(password, account.get().passwordHash());
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
            return sessions.start(account.get().id(), account.get().role());
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
        boolean registered = jdbi.withHandle(h -> devices.isRegistered(h, accountId, key));
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
    static <T> T hashing(Supplier<T> work) {
        try {
            return work.get();
        } catch (PasswordHasher.Busy e) {
            throw new ApiException(ProblemType.UNAVAILABLE, 503,
                    "The server is busy checking passwords. Try again in a moment.", Map.of("Retry-After", "2"));
        }
    }

    /**
     * Turns the signed-in listener into an artist with a public profile, and answers the session's next pair: the
     * same session, its refresh token rotated as by a refresh (so a client that lost this answer may present the
     * old refresh token within the grace), and an access token that carries the artist role. The caller sends the
     * session's current refresh token (header {@code Refresh-Token}), else 403. 409 when the account
     * is an artist already.
     */
    public TokenPair becomeArtist(Principal principal, String refreshToken, ArtistProfileRequest request) {
        if (request == null) {
            throw ApiException.badRequest("Send {\"name\": ..., \"bio\": ...} as JSON.");
        }
        String name = artistName(request.name());
        String bio = bio(request.bio());
        return sessions.rotate(principal, refreshToken, h -> {
            accounts.lock(h, principal.accountId());
            AccountRepository.Account account = accounts.find(h, principal.accountId())
                    .orElseThrow(() -> ApiException.unauthenticated("This account no longer exists."));
            if (account.role() == Role.ARTIST || catalog.artistOfAccount(h, account.id()).isPresent()) {
                throw ApiException.conflict(ProblemType.CONFLICT, "This account is an artist already.");
            }
            accounts.setRole(h, account.id(), Role.ARTIST);
            catalog.createArtist(h, account.id(), name, bio);
        });
    }

    /** The id of the account with this email, if there is one. */
    public Optional<String> accountIdOf(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return jdbi.withHandle(h -> accounts.findByEmail(h, e)).map(AccountRepository.Account::id);
    }

    /**
     * Gives an artist that has no account (one of the demo catalog's) an artist account with this email and password,
     * so someone can sign in as that artist. Only the demo seeding calls it. Wipes the password.
     *
     * @return the new account's id
     */
    public String adoptArtist(String email, char[] password, String artistId) {
        try {
            String e = normaliseEmail(email);
            checkPassword(password);
            String hash = hashing(() -> hasher.hash(password));
            String accountId = UUID.randomUUID().toString();
            jdbi.useTransaction(h -> {
                accounts.insert(h, accountId, e, hash, Role.ARTIST, clock.millis());
                if (!catalog.linkArtistAccount(h, artistId, accountId)) {
                    throw new IllegalStateException("Artist " + artistId + " has an account already");
                }
            });
            return accountId;
        } finally {
            wipe(password);
        }
    }

    /** An artist's name as sign-up and becoming an artist take it: 1 to 200 characters, stripped. */
    static String artistName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw ApiException.validation("name must be 1 to 200 characters: an artist needs a name.");
        }
        return n;
    }

    private static String bio(String bio) {
        if (bio != null && bio.length() > 4000) {
            throw ApiException.validation("The bio can have at most 4000 characters.");
        }
        return bio == null ? "" : bio;
    }

    public Artist updateArtistProfile(Principal principal, ArtistProfileRequest request, String pictureSha256) {
        if (principal.role() != Role.ARTIST) {
            throw ApiException.forbidden("Only artists have a public profile.");
        }
        if (request.name() != null) {
            artistName(request.name());
        }
        bio(request.bio());
        return jdbi.inTransaction(h -> {
            Artist artist = catalog.artistOfAccount(h, principal.accountId())
                    .orElseThrow(() -> ApiException.notFound("This account has no artist profile."));
            return catalog.updateArtist(h, artist.id(), request.name() == null ? null : request.name().strip(),
                    request.bio(), pictureSha256);
        });
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

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
