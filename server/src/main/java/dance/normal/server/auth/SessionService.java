package dance.normal.server.auth;

import dance.normal.protocol.ProblemType;
import dance.normal.protocol.Role;
import dance.normal.protocol.auth.Me;
import dance.normal.protocol.auth.TokenPair;
import dance.normal.protocol.catalog.Artist;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.http.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sessions: starting one, refreshing, signing out, and checking that an access token's session is live.
 *
 * <p>A session is a family of refresh tokens: each refresh spends the presented token and issues the next one.
 * Presenting a spent token means it was copied, so the whole family is revoked, and with it every access token
 * that names the session (after a short grace for a client that lost the answer to its refresh; see
 * {@link #refresh}).
 */
public final class SessionService {

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final TokenService tokens;
    private final Clock clock;
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final DeviceRepository devices;
    private final SecureRandom random = new SecureRandom();

    SessionService(Jdbi jdbi, CatalogRepository catalog, TokenService tokens, Clock clock, AccountRepository accounts,
                   SessionRepository sessions, DeviceRepository devices) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.tokens = tokens;
        this.clock = clock;
        this.accounts = accounts;
        this.sessions = sessions;
        this.devices = devices;
    }

    /** A refresh token just issued, with its generation in the session. */
    private record Issued(String token, long generation) {
    }

    /** What a transaction that starts or rotates a session returns; the access token is signed after it commits. */
    private record Rotated(String accountId, Role role, String sessionId, Issued refresh, Me me) {
    }

    /** Starts a session for a signed-in account. */
    TokenPair start(String accountId, Role role) {
        String sessionId = UUID.randomUUID().toString();
        return pair(jdbi.inTransaction(h -> {
            sessions.insertSession(h, sessionId, accountId, clock.millis());
            Issued refresh = new Issued(newRefreshToken(h, sessionId, 0), 0);
            return new Rotated(accountId, role, sessionId, refresh, me(h, accountId));
        }));
    }

    /**
     * Spends {@code refreshToken} and answers the next pair of its session.
     *
     * <p>A spent token presented again is a copy, and ends the session, with one exception: within
     * {@link AuthService#GRACE} of its rotation, while the pair it was rotated into has not been used at all (neither
     * refreshed nor its access token sent), it is taken as the same client retrying after the answer was lost (a
     * crash before the new tokens were saved). It then gets another successor in the same session, and the unused
     * one is spent, so whichever copy is used later revokes the session. After the grace, or once the successor was
     * used, reuse revokes.
     */
    public TokenPair refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.validation("refreshToken is required.");
        }
        String hash = AuthService.sha256Hex(refreshToken);
        long now = clock.millis();
        record Refreshed(Rotated rotated, String reusedSession) {
        }
        Refreshed refreshed = jdbi.inTransaction(h -> {
            Optional<SessionRepository.StoredRefresh> stored = sessions.findRefresh(h, hash);
            Optional<AccountRepository.Account> account = stored.flatMap(s -> accounts.find(h, s.accountId()));
            if (stored.isEmpty() || account.isEmpty() || stored.get().revoked() || stored.get().expiresAt() <= now) {
                throw ApiException.unauthenticated("This session has ended. Sign in again.");
            }
            SessionRepository.StoredRefresh s = stored.get();
            // Spending is a conditional update, so two concurrent refreshes with one token cannot both succeed.
            Optional<Issued> next = !s.spent() && sessions.spend(h, hash, now)
                    ? Optional.of(successor(h, s.sessionId(), hash)) : retryWithinGrace(h, s.sessionId(), hash, now);
            if (next.isEmpty()) {
                sessions.revoke(h, s.sessionId(), clock.millis());
                return new Refreshed(null, s.sessionId());
            }
            return new Refreshed(new Rotated(s.accountId(), account.get().role(), s.sessionId(), next.get(),
                    me(h, s.accountId())), null);
        });
        if (refreshed.rotated() == null) {
            // Thrown after the revocation commits.
            throw new ApiException(ProblemType.REFRESH_REUSED, 401,
                    "This sign-in was used from somewhere else, so it was ended for safety. Sign in again.");
        }
        return pair(refreshed.rotated());
    }

    /**
     * Runs {@code change} on the account and rotates the caller's session in the same transaction: every other
     * unspent refresh token of the session is spent as if refreshed into the new one, so the new pair (with the
     * account's role as it now is) continues the same session and refresh family, and the old refresh token is
     * treated as after a refresh (within the grace a lost answer can be retried, after it reuse ends the session).
     *
     * <p>The caller proves it holds the session's current refresh token, not only an access token: a stolen access
     * token lives minutes, a refresh token minted from it would live for weeks. 403 when {@code refreshToken} is
     * missing, unknown, spent, expired or of another session (not 401, which a client answers by refreshing).
     */
    TokenPair rotate(Principal principal, String refreshToken, Consumer<Handle> change) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            throw ApiException.forbidden("Send this session's refresh token in the Refresh-Token header.");
        }
        String hash = AuthService.sha256Hex(refreshToken);
        return pair(jdbi.inTransaction(h -> {
            Optional<SessionRepository.StoredRefresh> stored = sessions.findRefresh(h, hash);
            if (stored.isEmpty() || !stored.get().sessionId().equals(principal.sessionId()) || stored.get().spent()
                    || stored.get().revoked() || stored.get().expiresAt() <= clock.millis()) {
                throw ApiException.forbidden("The Refresh-Token is not this session's current refresh token.");
            }
            change.accept(h);
            AccountRepository.Account account = accounts.find(h, principal.accountId())
                    .orElseThrow(() -> ApiException.unauthenticated("This account no longer exists."));
            if (sessions.usedGeneration(h, principal.sessionId()).isEmpty()) {
                throw ApiException.unauthenticated("This session has ended. Sign in again.");
            }
            long generation = sessions.nextGeneration(h, principal.sessionId());
            String token = newRefreshToken(h, principal.sessionId(), generation);
            sessions.spendAllInto(h, principal.sessionId(), AuthService.sha256Hex(token), clock.millis());
            return new Rotated(account.id(), account.role(), principal.sessionId(), new Issued(token, generation),
                    me(h, account.id()));
        }));
    }

    /** The next refresh token of the session, recorded as what {@code parentHash} was rotated into. */
    private Issued successor(Handle h, String sessionId, String parentHash) {
        long generation = sessions.nextGeneration(h, sessionId);
        String token = newRefreshToken(h, sessionId, generation);
        sessions.replacedBy(h, parentHash, AuthService.sha256Hex(token));
        return new Issued(token, generation);
    }

    /**
     * A spent token presented again within the grace, whose successor is unused: the successor is spent (without
     * a successor of its own, so presenting it later is reuse) and another is issued in its place.
     */
    private Optional<Issued> retryWithinGrace(Handle h, String sessionId, String hash, long now) {
        Optional<SessionRepository.Spent> spent = sessions.spentByRotation(h, hash);
        if (spent.isEmpty() || now < spent.get().spentAt()
                || now - spent.get().spentAt() > AuthService.GRACE.toMillis()) {
            return Optional.empty();
        }
        return sessions.spendUnusedSuccessor(h, sessionId, spent.get().replacedByHash(), now)
                ? Optional.of(successor(h, sessionId, hash)) : Optional.empty();
    }

    /**
     * Ends the session of the access token (when given and valid) and the session the refresh token belongs to (when
     * given); either alone is enough, since an app signing out after a while idle holds no live access token.
     * Unknown refresh tokens are ignored (sign-out is idempotent).
     */
    public void logout(Principal principal, String refreshToken) {
        jdbi.useTransaction(h -> {
            if (principal != null) {
                sessions.revoke(h, principal.sessionId(), clock.millis());
            }
            if (refreshToken != null && !refreshToken.isBlank() && refreshToken.length() <= 200) {
                sessions.sessionOf(h, AuthService.sha256Hex(refreshToken))
                        .ifPresent(id -> sessions.revoke(h, id, clock.millis()));
            }
        });
    }

    /**
     * Throws 401 when the principal's session has been signed out or revoked; otherwise notes that the session's
     * pair of {@code generation} has been used (once per rotation), which ends the refresh grace of its parent.
     */
    public void requireLiveSession(Principal principal, long generation) {
        Optional<Long> used = jdbi.withHandle(h -> sessions.usedGeneration(h, principal.sessionId()));
        if (used.isEmpty()) {
            throw ApiException.unauthenticated("This session has ended. Sign in again.");
        }
        if (used.get() < generation) {
            // Only the first request of a rotation writes (a read on every request stays a read).
            jdbi.useTransaction(h -> sessions.markUsed(h, principal.sessionId(), generation));
        }
    }

    /** The signed-in account, its artist profile and its devices. */
    public Me me(Principal principal) {
        return jdbi.withHandle(h -> me(h, principal.accountId()));
    }

    private Me me(Handle h, String accountId) {
        AccountRepository.Account account = accounts.find(h, accountId)
                .orElseThrow(() -> ApiException.unauthenticated("This account no longer exists."));
        Artist artist = account.role() == Role.ARTIST ? catalog.artistOfAccount(h, account.id()).orElse(null) : null;
        return new Me(account.id(), account.email(), account.role(), artist, devices.devices(h, account.id()));
    }

    /** Signs the access token outside any transaction: the key ring may load or rotate its keys in the database. */
    private TokenPair pair(Rotated r) {
        return new TokenPair(tokens.issue(r.accountId(), r.role(), r.sessionId(), r.refresh().generation()),
                r.refresh().token(), "Bearer", TokenService.ACCESS_TTL.toSeconds(), r.me());
    }

    private String newRefreshToken(Handle h, String sessionId, long generation) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        long now = clock.millis();
        sessions.insertRefreshToken(h, AuthService.sha256Hex(token), sessionId, generation, now,
                now + AuthService.REFRESH_TTL.toMillis());
        return token;
    }
}
